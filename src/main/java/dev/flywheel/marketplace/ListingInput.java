package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * A listing's content as the API and the editor send it. Lists may be omitted (empty);
 * prices are in minor units of the currency (cents).
 */
record ListingInput(String name, String tagline, String job, String howItWorks, String setup, List<String> categories,
        List<String> keywords, List<String> screenshots, String demoVideoUrl, List<Plan> pricing, String websiteUrl, String supportUrl,
        String privacyUrl, String termsUrl, List<String> requiredScopes, List<FeatureInput> features, List<String> eventTypes,
        List<String> apiVersions) {

    record Plan(String name, String kind, Long amount, String currency) {
    }

    record FeatureInput(String name, List<String> scopes) {
    }

    ListingContent toContent() {
        List<PricingPlan> plans = list(pricing).stream().map(ListingInput::plan).toList();
        List<ListingContent.Feature> feats = list(features).stream()
                .map(f -> new ListingContent.Feature(trim(f.name()), clean(f.scopes()))).toList();
        return new ListingContent(trim(name), trim(tagline), trim(job), trim(howItWorks), trim(setup), clean(categories), clean(keywords),
                clean(screenshots), trim(demoVideoUrl), plans, trim(websiteUrl), trim(supportUrl), trim(privacyUrl), trim(termsUrl),
                clean(requiredScopes), feats, clean(eventTypes), clean(apiVersions));
    }

    static ListingInput of(ListingContent c) {
        return new ListingInput(c.name(), c.tagline(), c.job(), c.howItWorks(), c.setup(), c.categories(), c.keywords(), c.screenshots(),
                c.demoVideoUrl(), c.pricing().stream().map(p -> new Plan(p.name(), p.kind().wire(), p.price().amount(), p.price().currency())).toList(),
                c.websiteUrl(), c.supportUrl(), c.privacyUrl(), c.termsUrl(), c.requiredScopes(),
                c.features().stream().map(f -> new FeatureInput(f.name(), f.scopes())).toList(), c.eventTypes(), c.apiVersions());
    }

    private static PricingPlan plan(Plan p) {
        PricingPlan.Kind kind;
        try {
            kind = PricingPlan.Kind.valueOf((p.kind() == null ? "" : p.kind()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("pricing", "kind must be free, flat_monthly or per_seat");
        }
        String currency = p.currency() == null ? "USD" : p.currency().trim().toUpperCase(Locale.ROOT);
        if (!Money.isKnownCurrency(currency)) {
            throw ApiException.invalid("pricing", "currency must be an ISO 4217 code such as USD");
        }
        long amount = p.amount() == null ? 0 : p.amount();
        return new PricingPlan(trim(p.name()), kind, Money.of(amount, currency));
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
