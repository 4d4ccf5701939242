package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewChecksTest {

    static ListingContent complete(String name) {
        return new ListingContent(name, "Every conversation in one timeline",
                "Keeps every customer conversation in one timeline so account managers never miss a renewal signal again.",
                "Reads contacts and deals through the API and listens to invoice events.",
                "Install, approve the scopes, choose the pipelines; the first sync starts at once.", List.of("crm"),
                List.of("timeline", "renewals", "crm"), List.of("https://a.example/1.png", "https://a.example/2.png", "https://a.example/3.png"),
                "https://a.example/video", List.of(new PricingPlan("Free", PricingPlan.Kind.FREE, dev.flywheel.platform.Money.zero("USD"))),
                "https://a.example", "https://a.example/support", "https://a.example/privacy", "https://a.example/terms",
                List.of("contacts:read"), List.of(new ListingContent.Feature("Timeline", List.of("contacts:read"))), List.of("invoice.paid"),
                List.of("2026-01-15"));
    }

    private static ReviewCheck.Subject subject(ListingContent content, ReviewCheck.PublishedName... published) {
        return new ReviewCheck.Subject("lst_1", "prt_me", null, content, List.of(published));
    }

    @Test
    void aCompleteListingPassesTheRequiredFieldsAndIsFullyComplete() {
        assertThat(new RequiredFieldsCheck().check(subject(complete("Timeline"))).outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
        assertThat(Completeness.of(complete("Timeline")).score()).isEqualTo(1.0);
    }

    @Test
    void missingFieldsFailAndShowInTheChecklist() {
        ListingContent empty = ListingContent.empty("Bare");
        ReviewCheck.Result result = new RequiredFieldsCheck().check(subject(empty));
        assertThat(result.outcome()).isEqualTo(ReviewCheck.Outcome.FAILED);
        assertThat(result.findings()).anyMatch(f -> f.startsWith("tagline")).anyMatch(f -> f.startsWith("privacy_url"))
                .anyMatch(f -> f.contains("pricing plan"));
        Completeness.Result completeness = Completeness.of(empty);
        assertThat(completeness.percent()).isEqualTo(11); // the name alone: 3 of 28 points
        assertThat(completeness.missing()).extracting(Completeness.Item::label).contains("A support URL", "At least three screenshots");
    }

    @Test
    void overAskingWriteScopesFailAndUnusedReadScopesWarn() {
        ListingContent base = complete("Timeline");
        ListingContent overAsking = new ListingContent(base.name(), base.tagline(), base.job(), base.howItWorks(), base.setup(), base.categories(),
                base.keywords(), base.screenshots(), base.demoVideoUrl(), base.pricing(), base.websiteUrl(), base.supportUrl(), base.privacyUrl(),
                base.termsUrl(), List.of("contacts:read", "invoices:write", "deals:read"), base.features(), base.eventTypes(), base.apiVersions());
        ReviewCheck.Result result = new ScopeJustificationCheck().check(subject(overAsking));
        assertThat(result.outcome()).isEqualTo(ReviewCheck.Outcome.FAILED);
        assertThat(result.findings()).anyMatch(f -> f.contains("invoices:write")).anyMatch(f -> f.contains("deals:read"));
        assertThat(new ScopeJustificationCheck().check(subject(base)).outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
    }

    @Test
    void secretsPastedIntoTextFailWithoutRepeatingTheSecret() {
        String[] secrets = {"AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-1234567890-abcdefghij",
            "sk_live_abcdefghijklmnop1234", "fw_live_AbCdEfGhIjKlMnOpQrStUv", "-----BEGIN RSA PRIVATE KEY-----", "client_secret: s3cr3tvalue99"};
        for (String secret : secrets) {
            ListingContent base = complete("Timeline");
            ListingContent leaky = new ListingContent(base.name(), base.tagline(), base.job(), base.howItWorks(), "Setup: use " + secret + " here.",
                    base.categories(), base.keywords(), base.screenshots(), base.demoVideoUrl(), base.pricing(), base.websiteUrl(),
                    base.supportUrl(), base.privacyUrl(), base.termsUrl(), base.requiredScopes(), base.features(), base.eventTypes(),
                    base.apiVersions());
            ReviewCheck.Result result = new SecretsInTextCheck().check(subject(leaky));
            assertThat(result.outcome()).as(secret).isEqualTo(ReviewCheck.Outcome.FAILED);
            assertThat(String.join(" ", result.findings())).doesNotContain(secret).contains("setup");
        }
        assertThat(new SecretsInTextCheck().check(subject(complete("Timeline"))).outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
    }

    @Test
    void typosquattingAnotherPartnersAppFailsButOwnFamilyNamesPass() {
        ReviewCheck.PublishedName original = new ReviewCheck.PublishedName("lst_2", "prt_other", "Timeline", Instant.EPOCH);
        assertThat(new NameSimilarityCheck().check(subject(complete("Tirneline"), original)).outcome()).isEqualTo(ReviewCheck.Outcome.FAILED);
        assertThat(new NameSimilarityCheck().check(subject(complete("Timeline Pro"), original)).outcome()).isEqualTo(ReviewCheck.Outcome.WARNING);
        ReviewCheck.PublishedName mine = new ReviewCheck.PublishedName("lst_3", "prt_me", "Timeline", Instant.EPOCH);
        assertThat(new NameSimilarityCheck().check(subject(complete("Timeline Pro"), mine)).outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
    }

    private static dev.flywheel.webhooks.AppWebhookHealth.Report report(int endpoints, int disabled, long attempted, long succeeded) {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        Instant from = now.minus(java.time.Duration.ofDays(7));
        return new dev.flywheel.webhooks.AppWebhookHealth.Report("app_1", endpoints, disabled,
                new dev.flywheel.webhooks.AppWebhookHealth.Window(from, now, attempted, succeeded, attempted - succeeded),
                new dev.flywheel.webhooks.AppWebhookHealth.Window(from.minus(java.time.Duration.ofDays(7)), from, 0, 0, 0));
    }

    @Test
    void webhookHealthJudgesTheAppsDeliveriesAndIsNotApplicableOnlyWithoutEndpoints() {
        assertThat(WebhookHealthCheck.judge("w", report(0, 0, 0, 0)).outcome()).isEqualTo(ReviewCheck.Outcome.NOT_APPLICABLE);
        ReviewCheck.Result healthy = WebhookHealthCheck.judge("w", report(2, 0, 200, 200));
        assertThat(healthy.outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
        assertThat(healthy.findings()).singleElement().asString().contains("200 of 200").contains("100.0%");
        assertThat(WebhookHealthCheck.judge("w", report(1, 0, 200, 196)).outcome()).isEqualTo(ReviewCheck.Outcome.WARNING);
        ReviewCheck.Result failing = WebhookHealthCheck.judge("w", report(1, 0, 100, 60));
        assertThat(failing.outcome()).isEqualTo(ReviewCheck.Outcome.FAILED);
        assertThat(failing.findings().get(0)).contains("60 of 100").contains("60.0%");
        // Too few attempts to fail on: a warning for the reviewer instead.
        assertThat(WebhookHealthCheck.judge("w", report(1, 0, 10, 5)).outcome()).isEqualTo(ReviewCheck.Outcome.WARNING);
        assertThat(WebhookHealthCheck.judge("w", report(3, 1, 50, 50)).findings().get(0)).contains("1 of the app's 3");
        assertThat(WebhookHealthCheck.judge("w", report(1, 0, 0, 0)).outcome()).isEqualTo(ReviewCheck.Outcome.PASSED);
    }

    @Test
    void aCrashingCheckBecomesAWarningForTheReviewer() {
        ReviewCheck crashing = new ReviewCheck() {
            public String name() {
                return "crashing";
            }

            public int order() {
                return 1;
            }

            public Result check(Subject s) {
                throw new IllegalStateException("boom");
            }
        };
        List<ReviewCheck.Result> results = new ReviewPipeline(List.of(new RequiredFieldsCheck(), crashing)).run(subject(complete("Timeline")));
        assertThat(results.get(0).check()).isEqualTo("crashing");
        assertThat(results.get(0).outcome()).isEqualTo(ReviewCheck.Outcome.WARNING);
        assertThat(ReviewPipeline.passed(results)).isTrue();
    }
}
