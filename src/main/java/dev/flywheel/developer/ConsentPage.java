package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page where a signed-in person decides whether an app may act on their account: who made
 * the app, what each scope allows in plain words, and optionally which departments it may see
 * and which fields it must not. The form posts back to the authorization endpoint.
 */
@Controller
class ConsentPage {

    /** One line of the page: a scope, whether it was granted before, and the fields it could carry. */
    record ScopeLine(String name, String description, String access, boolean alreadyGranted, List<String> withholdable) {
    }

    private final Apps apps;
    private final ScopeCatalog catalog;
    private final Grants grants;
    private final Organizations organizations;
    private final OAuth2AuthorizationConsentService consents;

    ConsentPage(Apps apps, ScopeCatalog catalog, Grants grants, Organizations organizations, OAuth2AuthorizationConsentService consents) {
        this.apps = apps;
        this.catalog = catalog;
        this.grants = grants;
        this.organizations = organizations;
        this.consents = consents;
    }

    @GetMapping(AuthorizationServerConfiguration.CONSENT_PAGE)
    String consent(@RequestParam("client_id") String clientId, @RequestParam(required = false) String scope,
            @RequestParam String state, Caller caller, Model model) {
        App app = apps.findByClientId(clientId).filter(App::isActive).orElse(null);
        if (app == null) {
            model.addAttribute("error", "This app does not exist or was disabled. Go back to the app and tell its maker.");
            return "developer/consent-error";
        }
        OAuth2AuthorizationConsent current = consents.findById(app.id(), caller.label());
        Set<String> granted = current == null ? Set.of() : current.getScopes();
        Map<String, Scope> known = catalog.byName();
        List<ScopeLine> lines = new ArrayList<>();
        for (String name : AuthorizationServerConfiguration.scopesOf(scope)) {
            Scope s = known.get(name);
            if (s != null) {
                lines.add(new ScopeLine(s.name(), s.description(), s.access(), granted.contains(name),
                        s.fields().stream().map(f -> s.resource() + "." + f).toList()));
            }
        }
        Organization maker = organizations.find(app.organizationId()).orElse(null);
        model.addAttribute("app", app);
        model.addAttribute("maker", maker == null ? "an unknown organization" : maker.name());
        model.addAttribute("account", organizations.find(caller.organizationId()).map(Organization::name).orElse(caller.label()));
        model.addAttribute("scopes", lines);
        model.addAttribute("departments", grants.departmentsOf(caller.organizationId()));
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("who", caller.label());
        return "developer/consent";
    }
}
