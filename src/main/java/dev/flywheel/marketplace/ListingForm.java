package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * The listing editor's form: lists are typed as text, one item per line (or separated by
 * commas), pricing plans as {@code name | kind | price currency} and features as
 * {@code feature name: scope scope}.
 */
public class ListingForm {

    private String name = "";
    private String tagline = "";
    private String job = "";
    private String howItWorks = "";
    private String setup = "";
    private List<String> categories = new ArrayList<>();
    private String keywords = "";
    private String screenshots = "";
    private String demoVideoUrl = "";
    private String pricing = "";
    private String websiteUrl = "";
    private String supportUrl = "";
    private String privacyUrl = "";
    private String termsUrl = "";
    private String requiredScopes = "";
    private String features = "";
    private String eventTypes = "";
    private String apiVersions = "";

    static ListingForm of(ListingContent c) {
        ListingForm f = new ListingForm();
        f.name = nz(c.name());
        f.tagline = nz(c.tagline());
        f.job = nz(c.job());
        f.howItWorks = nz(c.howItWorks());
        f.setup = nz(c.setup());
        f.categories = new ArrayList<>(c.categories());
        f.keywords = String.join(", ", c.keywords());
        f.screenshots = String.join("\n", c.screenshots());
        f.demoVideoUrl = nz(c.demoVideoUrl());
        f.pricing = String.join("\n", c.pricing().stream().map(p -> p.kind() == PricingPlan.Kind.FREE ? p.name() + " | free"
                : p.name() + " | " + p.kind().wire() + " | " + p.price().toDecimalString() + " " + p.price().currency()).toList());
        f.websiteUrl = nz(c.websiteUrl());
        f.supportUrl = nz(c.supportUrl());
        f.privacyUrl = nz(c.privacyUrl());
        f.termsUrl = nz(c.termsUrl());
        f.requiredScopes = String.join(" ", c.requiredScopes());
        f.features = String.join("\n", c.features().stream().map(x -> x.name() + ": " + String.join(" ", x.scopes())).toList());
        f.eventTypes = String.join(", ", c.eventTypes());
        f.apiVersions = String.join(", ", c.apiVersions());
        return f;
    }

    ListingContent toContent() {
        List<ListingInput.Plan> plans = new ArrayList<>();
        for (String line : lines(pricing)) {
            String[] parts = line.split("\\|");
            String planName = parts[0].strip();
            String kind = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT).replace(' ', '_') : "free";
            if (kind.equals("free")) {
                plans.add(new ListingInput.Plan(planName, "free", 0L, "USD"));
                continue;
            }
            String[] price = parts.length > 2 ? parts[2].strip().split("\\s+") : new String[0];
            if (price.length != 2) {
                throw ApiException.invalid("pricing", "'" + line + "' must look like: Team | per_seat | 8.00 USD");
            }
            String currency = price[1].toUpperCase(Locale.ROOT);
            if (!Money.isKnownCurrency(currency)) {
                throw ApiException.invalid("pricing", "'" + price[1] + "' is not an ISO currency code such as USD");
            }
            try {
                long minor = new BigDecimal(price[0]).movePointRight(Currency.getInstance(currency).getDefaultFractionDigits())
                        .longValueExact();
                plans.add(new ListingInput.Plan(planName, kind, minor, currency));
            } catch (ArithmeticException | NumberFormatException e) {
                throw ApiException.invalid("pricing", "'" + price[0] + "' is not a price with at most the currency's decimals");
            }
        }
        List<ListingInput.FeatureInput> feats = new ArrayList<>();
        for (String line : lines(features)) {
            int colon = line.indexOf(": ");
            String featureName = colon < 0 ? line : line.substring(0, colon);
            List<String> scopes = colon < 0 ? List.of() : words(line.substring(colon + 2));
            feats.add(new ListingInput.FeatureInput(featureName.strip(), scopes));
        }
        return new ListingInput(name, tagline, job, howItWorks, setup, categories, words(keywords), lines(screenshots), demoVideoUrl, plans,
                websiteUrl, supportUrl, privacyUrl, termsUrl, words(requiredScopes), feats, words(eventTypes), words(apiVersions)).toContent();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> words(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getTagline() { return tagline; }
    public void setTagline(String v) { tagline = v; }
    public String getJob() { return job; }
    public void setJob(String v) { job = v; }
    public String getHowItWorks() { return howItWorks; }
    public void setHowItWorks(String v) { howItWorks = v; }
    public String getSetup() { return setup; }
    public void setSetup(String v) { setup = v; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> v) { categories = v == null ? new ArrayList<>() : v; }
    public String getKeywords() { return keywords; }
    public void setKeywords(String v) { keywords = v; }
    public String getScreenshots() { return screenshots; }
    public void setScreenshots(String v) { screenshots = v; }
    public String getDemoVideoUrl() { return demoVideoUrl; }
    public void setDemoVideoUrl(String v) { demoVideoUrl = v; }
    public String getPricing() { return pricing; }
    public void setPricing(String v) { pricing = v; }
    public String getWebsiteUrl() { return websiteUrl; }
    public void setWebsiteUrl(String v) { websiteUrl = v; }
    public String getSupportUrl() { return supportUrl; }
    public void setSupportUrl(String v) { supportUrl = v; }
    public String getPrivacyUrl() { return privacyUrl; }
    public void setPrivacyUrl(String v) { privacyUrl = v; }
    public String getTermsUrl() { return termsUrl; }
    public void setTermsUrl(String v) { termsUrl = v; }
    public String getRequiredScopes() { return requiredScopes; }
    public void setRequiredScopes(String v) { requiredScopes = v; }
    public String getFeatures() { return features; }
    public void setFeatures(String v) { features = v; }
    public String getEventTypes() { return eventTypes; }
    public void setEventTypes(String v) { eventTypes = v; }
    public String getApiVersions() { return apiVersions; }
    public void setApiVersions(String v) { apiVersions = v; }
}
