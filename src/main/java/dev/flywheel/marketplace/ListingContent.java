package dev.flywheel.marketplace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a partner writes about an app: one version of a listing. The description is structured
 * around the job the app does for a customer ({@code job}), how it does it and how to set it up.
 *
 * @param features what the app does, each with the scopes that feature needs; the review checks
 *        that every requested scope is needed by some feature
 * @param eventTypes product event types the app consumes
 * @param apiVersions API versions the app supports
 */
record ListingContent(String name, String tagline, String job, String howItWorks, String setup, List<String> categories,
        List<String> keywords, List<String> screenshots, String demoVideoUrl, List<PricingPlan> pricing, String websiteUrl,
        String supportUrl, String privacyUrl, String termsUrl, List<String> requiredScopes, List<Feature> features,
        List<String> eventTypes, List<String> apiVersions) {

    /** One thing the app does and the scopes it needs for it. */
    record Feature(String name, List<String> scopes) {
    }

    ListingContent {
        categories = List.copyOf(categories);
        keywords = List.copyOf(keywords);
        screenshots = List.copyOf(screenshots);
        pricing = List.copyOf(pricing);
        requiredScopes = List.copyOf(requiredScopes);
        features = List.copyOf(features);
        eventTypes = List.copyOf(eventTypes);
        apiVersions = List.copyOf(apiVersions);
    }

    static ListingContent empty(String name) {
        return new ListingContent(name, null, null, null, null, List.of(), List.of(), List.of(), null, List.of(), null, null, null,
                null, List.of(), List.of(), List.of(), List.of());
    }

    /** Every URL the listing points at, with the field it is in. */
    List<NamedUrl> urls() {
        List<NamedUrl> out = new java.util.ArrayList<>();
        add(out, "website_url", websiteUrl);
        add(out, "support_url", supportUrl);
        add(out, "privacy_url", privacyUrl);
        add(out, "terms_url", termsUrl);
        add(out, "demo_video_url", demoVideoUrl);
        for (int i = 0; i < screenshots.size(); i++) {
            add(out, "screenshots[" + i + "]", screenshots.get(i));
        }
        return out;
    }

    /** Every free text a person wrote, with the field it is in (for the secrets scan). */
    List<NamedUrl> texts() {
        List<NamedUrl> out = new java.util.ArrayList<>();
        add(out, "name", name);
        add(out, "tagline", tagline);
        add(out, "job", job);
        add(out, "how_it_works", howItWorks);
        add(out, "setup", setup);
        add(out, "keywords", String.join(" ", keywords));
        for (Feature f : features) {
            add(out, "features", f.name());
        }
        return out;
    }

    /** Scopes some declared feature needs. */
    Set<String> justifiedScopes() {
        Set<String> out = new LinkedHashSet<>();
        features.forEach(f -> out.addAll(f.scopes()));
        return out;
    }

    /** The cheapest way in: free, freemium (a free plan beside paid ones) or paid. */
    String pricingModel() {
        boolean free = pricing.stream().anyMatch(p -> p.kind() == PricingPlan.Kind.FREE);
        boolean paid = pricing.stream().anyMatch(p -> p.kind() != PricingPlan.Kind.FREE);
        return free && paid ? "freemium" : free ? "free" : paid ? "paid" : "unpriced";
    }

    String description() {
        return Stream.of(job, howItWorks, setup).filter(s -> s != null && !s.isBlank()).reduce((a, b) -> a + "\n\n" + b).orElse("");
    }

    private static void add(List<NamedUrl> out, String field, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new NamedUrl(field, value.trim()));
        }
    }

    /** A value of the listing and the field it came from. */
    record NamedUrl(String field, String value) {
    }
}
