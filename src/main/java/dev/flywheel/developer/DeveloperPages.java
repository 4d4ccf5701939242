package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages: a partner's apps (create, secrets, test/live), and a customer's connected apps. */
@Controller
class DeveloperPages {

    static final String DEVELOPERS = "hasAnyRole('PARTNER_ADMIN','PARTNER_MEMBER','OWNER_ADMIN')";

    private final Apps apps;
    private final Grants grants;
    private final ScopeCatalog catalog;
    private final Organizations organizations;
    private final PublicUrls urls;

    DeveloperPages(Apps apps, Grants grants, ScopeCatalog catalog, Organizations organizations, PublicUrls urls) {
        this.urls = urls;
        this.apps = apps;
        this.grants = grants;
        this.catalog = catalog;
        this.organizations = organizations;
    }

    @GetMapping("/console/apps")
    @PreAuthorize(DEVELOPERS)
    String apps(Caller caller, @RequestParam(required = false) String mode,
            @RequestParam(name = "starting_after", required = false) String after, Model model) {
        Caller inMode = inMode(caller, mode);
        model.addAttribute("page", apps.list(inMode, PageQuery.of(25, after)));
        model.addAttribute("mode", inMode.mode().wire());
        model.addAttribute("scopes", catalog.all());
        return "developer/apps";
    }

    @PostMapping("/console/apps")
    @PreAuthorize(DEVELOPERS)
    String create(Caller caller, @RequestParam String mode, @RequestParam String name, @RequestParam ClientType clientType,
            @RequestParam(required = false) String redirectUris, @RequestParam(required = false) List<String> scope,
            @RequestParam(required = false) String homepageUrl, @RequestParam(required = false) String privacyUrl,
            @RequestParam(required = false) String termsUrl, RedirectAttributes redirect) {
        Caller inMode = inMode(caller, mode);
        try {
            List<String> uris = redirectUris == null ? List.of()
                    : Arrays.stream(redirectUris.split("\\s+")).filter(s -> !s.isBlank()).toList();
            Apps.Registered r = apps.register(inMode, new Apps.NewApp(name, clientType, uris, scope == null ? List.of() : scope,
                    null, blankToNull(homepageUrl), blankToNull(privacyUrl), blankToNull(termsUrl), null));
            redirect.addFlashAttribute("secret", r.clientSecret());
            redirect.addFlashAttribute("notice", r.clientSecret() == null ? "App registered. Its client id is " + r.app().clientId() + "."
                    : "App registered. Copy the client secret now: it is shown only once.");
            return "redirect:/console/apps/" + r.app().id() + "?mode=" + inMode.mode().wire();
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/apps?mode=" + inMode.mode().wire();
        }
    }

    @GetMapping("/console/apps/{id}")
    @PreAuthorize(DEVELOPERS)
    String app(Caller caller, @PathVariable String id, @RequestParam(required = false) String mode, Model model) {
        Caller inMode = inMode(caller, mode);
        App app = apps.get(inMode, id);
        model.addAttribute("app", app);
        model.addAttribute("secrets", app.clientType() == ClientType.CONFIDENTIAL ? apps.secrets(inMode, id) : List.of());
        model.addAttribute("mode", inMode.mode().wire());
        model.addAttribute("tokenUrl", urls.of("/oauth2/token"));
        return "developer/app";
    }

    @PostMapping("/console/apps/{id}/secrets")
    @PreAuthorize(DEVELOPERS)
    String rotate(Caller caller, @PathVariable String id, @RequestParam String mode, RedirectAttributes redirect) {
        Caller inMode = inMode(caller, mode);
        try {
            Apps.Rotated r = apps.rotateSecret(inMode, id);
            redirect.addFlashAttribute("secret", r.clientSecret());
            redirect.addFlashAttribute("notice", "New secret issued; copy it now. The previous secret keeps working until "
                    + r.previousValidUntil() + ", so switch your deployment before then.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/apps/" + id + "?mode=" + inMode.mode().wire();
    }

    @GetMapping("/console/connected-apps")
    @PreAuthorize("isAuthenticated()")
    String connected(Caller caller, Model model) {
        List<Grant> list = grants.ofAccount(caller);
        Map<String, App> byId = new HashMap<>();
        Map<String, String> makers = new HashMap<>();
        for (Grant g : list) {
            apps.find(g.appId()).ifPresent(a -> {
                byId.put(a.id(), a);
                makers.put(a.id(), organizations.find(a.organizationId()).map(Organization::name).orElse("—"));
            });
        }
        model.addAttribute("grants", list);
        model.addAttribute("apps", byId);
        model.addAttribute("makers", makers);
        return "developer/connected-apps";
    }

    @PostMapping("/console/connected-apps/{grantId}/revoke")
    @PreAuthorize("isAuthenticated()")
    String revoke(Caller caller, @PathVariable String grantId, RedirectAttributes redirect) {
        try {
            Grant g = grants.revoke(caller, grantId);
            String name = apps.find(g.appId()).map(App::name).orElse("The app");
            redirect.addFlashAttribute("notice", name + " no longer has access: its tokens stopped working now.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/connected-apps";
    }

    private static Caller inMode(Caller caller, String mode) {
        Mode m = "test".equalsIgnoreCase(mode) ? Mode.TEST : Mode.LIVE;
        return new Caller(caller.actorId(), caller.organizationId(), caller.organizationKind(), caller.role(), m, caller.label());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
