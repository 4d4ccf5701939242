package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Flags over-asking: every requested scope must be needed by a declared feature. A write scope
 * nothing needs fails the check; an unneeded read scope is a warning for the reviewer. A feature
 * naming a scope that is not requested is pointed out too (the app would fail at run time).
 */
@Component
class ScopeJustificationCheck implements ReviewCheck {

    @Override
    public String name() {
        return "scopes-justified";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Result check(Subject subject) {
        ListingContent c = subject.content();
        Set<String> justified = c.justifiedScopes();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String scope : c.requiredScopes()) {
            if (!justified.contains(scope)) {
                (scope.endsWith(":write") ? failures : warnings).add("the scope " + scope
                        + " is requested but no declared feature needs it: remove it or name the feature that uses it");
            }
        }
        for (String scope : justified) {
            if (!c.requiredScopes().contains(scope)) {
                warnings.add("a feature needs " + scope + " but the listing does not request it");
            }
        }
        return ReviewCheck.of(name(), failures, warnings);
    }
}
