package dev.flywheel.marketplace;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The fields no listing may go live without. */
@Component
class RequiredFieldsCheck implements ReviewCheck {

    @Override
    public String name() {
        return "required-fields";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Result check(Subject subject) {
        ListingContent c = subject.content();
        List<String> missing = new ArrayList<>();
        require(missing, c.name(), "name");
        require(missing, c.tagline(), "tagline");
        require(missing, c.job(), "job (what the app does for a customer)");
        require(missing, c.supportUrl(), "support_url");
        require(missing, c.privacyUrl(), "privacy_url");
        require(missing, c.termsUrl(), "terms_url");
        if (c.categories().isEmpty()) {
            missing.add("at least one category is required");
        }
        if (c.pricing().isEmpty()) {
            missing.add("at least one pricing plan is required (a free plan counts)");
        }
        if (c.apiVersions().isEmpty()) {
            missing.add("at least one supported API version is required");
        }
        return ReviewCheck.of(name(), missing, List.of());
    }

    private static void require(List<String> missing, String value, String field) {
        if (value == null || value.isBlank()) {
            missing.add(field + " is required");
        }
    }
}
