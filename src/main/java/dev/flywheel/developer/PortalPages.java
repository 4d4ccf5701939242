package dev.flywheel.developer;

import dev.flywheel.platform.PublicUrls;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public developer portal: getting started with working samples, and token validation for resource servers. */
@Controller
class PortalPages {

    private final ScopeCatalog catalog;
    private final PublicUrls urls;

    PortalPages(ScopeCatalog catalog, PublicUrls urls) {
        this.catalog = catalog;
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
}
