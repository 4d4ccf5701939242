package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.marketplace.MarketplaceActivity.ListingAdoption;
import dev.flywheel.marketplace.MarketplaceActivity.LivePartners;
import dev.flywheel.marketplace.MarketplaceActivity.UnansweredReview;
import dev.flywheel.playbook.HealthRule.Finding;
import dev.flywheel.playbook.HealthRule.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launch signal and health rules that read the marketplace, on hand-made figures. */
class MarketplaceRulesTest {

    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final PlaybookProperties DEFAULTS = new PlaybookProperties(10, Duration.ofDays(3), Duration.ofDays(30), 50, 5,
            Duration.ofDays(30), 50, Duration.ofDays(30), 60, 10, Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(30), 10, 10);

    private static ListingAdoption app(String name, long installs, long activations, long publishedDaysAgo) {
        return new ListingAdoption("lst_" + name, "prt_" + name, name, NOW.minus(Duration.ofDays(publishedDaysAgo)), installs, activations);
    }

    // ---- active integration partners

    @Test
    void countsPartnersWithLiveListings() {
        LaunchSignal.Measurement m = MarketplaceLaunchSignals.partners(new LivePartners(3, 5));
        assertThat(m.value()).isEqualTo(3);
        assertThat(m.evidence()).contains("3 partner(s) with 5 published listing(s) live");
        assertThat(MarketplaceLaunchSignals.partners(new LivePartners(0, 0)).evidence()).contains("No partner");
    }

    // ---- single app

    @Test
    void tooFewInstallsAreNotJudged() {
        Finding f = SingleAppRule.evaluate(List.of(app("Acme", 9, 9, 60)), DEFAULTS);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).contains("9 install(s) in the last 30 days across 1 of 1 live listing(s)").contains("too few to judge");
    }

    @Test
    void spreadInstallsAreHealthy() {
        assertThat(SingleAppRule.evaluate(List.of(app("Acme", 11, 0, 60), app("Beta", 9, 0, 60)), DEFAULTS).warnings()).isEmpty();
    }

    @Test
    void warnsWhenOneAppTakesMostInstallsAndIsCriticalAtNinetyPercent() {
        Finding f = SingleAppRule.evaluate(List.of(app("Beta", 4, 0, 60), app("Acme", 6, 0, 60), app("Gamma", 0, 0, 60)), DEFAULTS);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.subject()).isEqualTo("'Acme'");
            assertThat(w.evidence()).contains("6 of 10 install(s) in the last 30 days (60%, the limit is 60%) went to 'Acme'");
        });
        assertThat(SingleAppRule.evaluate(List.of(app("Acme", 18, 0, 60), app("Beta", 2, 0, 60)), DEFAULTS).warnings())
                .singleElement().extracting(HealthRule.Warning::severity).isEqualTo(Severity.CRITICAL);
    }

    // ---- unanswered reviews

    private static UnansweredReview review(String app, int stars, long daysAgo) {
        return new UnansweredReview("rev_" + app + stars, "lst_" + app, "prt_" + app, app, stars, NOW.minus(Duration.ofDays(daysAgo)));
    }

    @Test
    void noWaitingReviewIsHealthy() {
        Finding f = UnansweredReviewsRule.evaluate(List.of(), DEFAULTS, NOW);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).isEqualTo("0 visible review(s) older than 7 days without a reply from the app's developer.");
    }

    @Test
    void warnsAboutReviewsWaitingForAReplyAndIsCriticalForLowRatingsOrLongWaits() {
        Finding f = UnansweredReviewsRule.evaluate(List.of(review("Acme", 4, 10), review("Beta", 5, 8)), DEFAULTS, NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.evidence()).contains("2 review(s) on 2 app(s) have waited longer than 7 days for a reply")
                    .contains("'Acme' (4 stars, since 2026-03-22)");
        });
        assertThat(UnansweredReviewsRule.evaluate(List.of(review("Acme", 1, 8)), DEFAULTS, NOW).warnings())
                .singleElement().extracting(HealthRule.Warning::severity).isEqualTo(Severity.CRITICAL);
        assertThat(UnansweredReviewsRule.evaluate(List.of(review("Acme", 5, 15)), DEFAULTS, NOW).warnings())
                .singleElement().extracting(HealthRule.Warning::severity).isEqualTo(Severity.CRITICAL);
    }

    // ---- no adoption

    @Test
    void newListingsAndAdoptedOnesAreHealthy() {
        Finding f = NoAdoptionRule.evaluate(List.of(app("New", 0, 0, 10), app("Used", 3, 1, 90)), DEFAULTS, NOW);
        assertThat(f.warnings()).isEmpty();
        assertThat(f.checked()).isEqualTo("1 live listing(s) published more than 30 days ago; 0 with no install or no activation.");
    }

    @Test
    void warnsAboutOldListingsNeverInstalledOrNeverActivated() {
        Finding f = NoAdoptionRule.evaluate(List.of(app("Ghost", 0, 0, 45), app("Used", 3, 1, 90), app("Stuck", 2, 0, 60),
                app("Fine", 5, 5, 60), app("Also", 1, 1, 60)), DEFAULTS, NOW);
        assertThat(f.warnings()).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.WARNING);
            assertThat(w.evidence()).contains("2 of 5 listing(s) published more than 30 days ago show no adoption")
                    .contains("show no adoption: 'Ghost' (published 2026-02-15, never installed), 'Stuck' (published 2026-01-31, 2 install(s), none activated).");
            assertThat(w.action()).contains("co-marketing asset").contains("hard setup");
        });
        assertThat(NoAdoptionRule.evaluate(List.of(app("Ghost", 0, 0, 45)), DEFAULTS, NOW).warnings())
                .singleElement().extracting(HealthRule.Warning::severity).isEqualTo(Severity.CRITICAL);
    }
}
