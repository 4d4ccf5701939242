package dev.flywheel.developer;

import dev.flywheel.platform.PublicUrls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public developer portal: getting started with working samples, token validation for
 * resource servers, webhook signature verification, the changelog and per-version migration guides.
 */
@Controller
class PortalPages {

    private final ScopeCatalog catalog;
    private final ApiVersions versions;
    private final PublicUrls urls;

    PortalPages(ScopeCatalog catalog, ApiVersions versions, PublicUrls urls) {
        this.catalog = catalog;
        this.versions = versions;
        this.urls = urls;
    }

    @GetMapping("/developers")
    String gettingStarted(Model model) {
        model.addAttribute("base", urls.of(""));
        model.addAttribute("scopes", catalog.all());
        return "developer/portal";
    }

    @GetMapping("/developers/tokens")
    String tokens(Model model) {
        model.addAttribute("base", urls.of(""));
        return "developer/tokens";
    }

    @GetMapping("/developers/webhooks")
    String webhookSignatures(Model model) {
        model.addAttribute("base", urls.of(""));
        return "developer/webhook-signatures";
    }

    @GetMapping("/developers/changelog")
    String changelog(Model model) {
        List<ApiVersion> all = versions.all();
        Map<String, String> statuses = new LinkedHashMap<>();
        all.forEach(v -> statuses.put(v.version(), versions.retired(v.version()) ? "retired" : v.deprecated() ? "deprecated" : "live"));
        model.addAttribute("versions", all);
        model.addAttribute("statuses", statuses);
        return "developer/changelog";
    }

    @GetMapping("/developers/migrations/{version}")
    String migration(@PathVariable String version, Model model) {
        ApiVersion v = versions.find(version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no API version " + version));
        String next = versions.all().stream().filter(o -> o.number() == v.number() + 1).map(ApiVersion::version).findFirst().orElse(null);
        model.addAttribute("version", v);
        model.addAttribute("next", next);
        model.addAttribute("base", urls.of(""));
        return "developer/migration";
    }
}
