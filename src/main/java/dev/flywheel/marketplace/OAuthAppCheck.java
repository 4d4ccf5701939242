package dev.flywheel.marketplace;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The listing's developer platform app: without one, installs are recorded but no OAuth grant
 * gives the app tokens (a warning for the reviewer); with one, it must be the partner's own,
 * active, and registered for every scope the listing asks customers to consent to.
 */
@Component
class OAuthAppCheck implements ReviewCheck {

    private final Apps apps;

    OAuthAppCheck(Apps apps) {
        this.apps = apps;
    }

    @Override
    public String name() {
        return "oauth-app";
    }

    @Override
    public int order() {
        return 35;
    }

    @Override
    public Result check(Subject subject) {
        if (subject.appId() == null) {
            return ReviewCheck.of(name(), List.of(), List.of("no developer platform app is linked: installs are recorded, but no OAuth "
                    + "grant gives the app tokens until the partner links its app"));
        }
        Optional<App> app = apps.find(subject.appId());
        List<String> failures = new ArrayList<>();
        if (app.isEmpty() || !app.get().organizationId().equals(subject.partnerId())) {
            failures.add("the linked app does not exist or is not this partner's");
        } else {
            if (!app.get().isActive()) {
                failures.add("the linked app " + app.get().name() + " is disabled");
            }
            for (String scope : subject.content().requiredScopes()) {
                if (!app.get().scopes().contains(scope)) {
                    failures.add("the listing asks for " + scope + " but the app " + app.get().name()
                            + " is not registered for it: add it to the app or remove it from the listing");
                }
            }
        }
        return ReviewCheck.of(name(), failures, List.of());
    }
}
