package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules a listing's content must follow to be saved at all (submission adds the review
 * checks on top). Every broken rule is reported as a field error; URLs go through the SSRF
 * guard, so an address on a private network is refused here already.
 */
@Component
class ListingValidation {

    static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9_-]{1,40}:(read|write)");
    private static final Pattern API_VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|v[0-9]{1,3}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private final UrlGuard guard;
    private final MarketplaceProperties properties;

    ListingValidation(UrlGuard guard, MarketplaceProperties properties) {
        this.guard = guard;
        this.properties = properties;
    }

    void validate(ListingContent c) {
        List<FieldError> errors = new ArrayList<>();
        if (c.name() == null || c.name().isBlank() || c.name().strip().length() > 60) {
            errors.add(new FieldError("name", "must be 1 to 60 characters"));
        }
        max(errors, "tagline", c.tagline(), 140);
        max(errors, "job", c.job(), 4000);
        max(errors, "how_it_works", c.howItWorks(), 4000);
        max(errors, "setup", c.setup(), 4000);
        for (String category : c.categories()) {
            if (!properties.categories().contains(category)) {
                errors.add(new FieldError("categories", "'" + category + "' is not a category; use one of " + properties.categories()));
            }
        }
        if (c.categories().size() > 3) {
            errors.add(new FieldError("categories", "at most 3 categories"));
        }
        if (c.keywords().size() > 20 || c.keywords().stream().anyMatch(k -> k.length() > 40)) {
            errors.add(new FieldError("keywords", "at most 20 keywords of at most 40 characters"));
        }
        if (c.screenshots().size() > 8) {
            errors.add(new FieldError("screenshots", "at most 8 screenshots"));
        }
        for (ListingContent.NamedUrl url : c.urls()) {
            UrlGuard.Verdict verdict = guard.check(url.value());
            if (verdict.outcome() == UrlGuard.Outcome.REFUSED) {
                errors.add(new FieldError(url.field(), verdict.reason()));
            }
        }
        for (String scope : c.requiredScopes()) {
            if (!SCOPE.matcher(scope).matches()) {
                errors.add(new FieldError("required_scopes", "'" + scope + "' must look like resource:read or resource:write"));
            }
        }
        if (new HashSet<>(c.requiredScopes()).size() != c.requiredScopes().size()) {
            errors.add(new FieldError("required_scopes", "must not repeat a scope"));
        }
        for (ListingContent.Feature f : c.features()) {
            if (f.name() == null || f.name().isBlank() || f.name().length() > 120) {
                errors.add(new FieldError("features", "each feature needs a name of 1 to 120 characters"));
            }
            for (String scope : f.scopes()) {
                if (!SCOPE.matcher(scope).matches()) {
                    errors.add(new FieldError("features", "'" + scope + "' must look like resource:read or resource:write"));
                }
            }
        }
        for (String type : c.eventTypes()) {
            if (!EVENT_TYPE.matcher(type).matches()) {
                errors.add(new FieldError("event_types", "'" + type + "' must look like invoice.paid"));
            }
        }
        for (String version : c.apiVersions()) {
            if (!API_VERSION.matcher(version).matches()) {
                errors.add(new FieldError("api_versions", "'" + version + "' must be a date version such as 2026-01-15 or v1"));
            }
        }
        for (PricingPlan plan : c.pricing()) {
            validatePlan(errors, plan);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, "The listing has " + errors.size() + " invalid field(s): "
                    + errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("") + ".", errors);
        }
    }

    private static void validatePlan(List<FieldError> errors, PricingPlan plan) {
        if (plan.name() == null || plan.name().isBlank() || plan.name().length() > 60) {
            errors.add(new FieldError("pricing", "each plan needs a name of 1 to 60 characters"));
        }
        if (plan.kind() == null || plan.price() == null) {
            errors.add(new FieldError("pricing", "each plan needs a kind (free, flat_monthly, per_seat) and a price"));
            return;
        }
        Money price = plan.price();
        if (plan.kind() == PricingPlan.Kind.FREE && price.amount() != 0) {
            errors.add(new FieldError("pricing", "a free plan costs 0"));
        }
        if (plan.kind() != PricingPlan.Kind.FREE && price.amount() <= 0) {
            errors.add(new FieldError("pricing", "a paid plan (" + plan.name() + ") must cost more than 0"));
        }
    }

    private static void max(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
