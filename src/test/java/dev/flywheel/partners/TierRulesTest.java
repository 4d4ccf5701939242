package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierRulesTest {

    private static final List<TierRules.Tier> TIERS = List.of(
            new TierRules.Tier("premier", "Premier", 2, Map.of("deals_closed", bd(10), "certified_staff", bd(3)), List.of()),
            new TierRules.Tier("registered", "Registered", 0, Map.of(), List.of()),
            new TierRules.Tier("preferred", "Preferred", 1, Map.of("deals_closed", bd(3), "certified_staff", bd(1)), List.of()));
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static BigDecimal bd(long v) {
        return BigDecimal.valueOf(v);
    }

    private static Map<String, BigDecimal> metrics(long deals, long certified) {
        return Map.of("deals_closed", bd(deals), "certified_staff", bd(certified));
    }

    @Test
    void qualifiesForTheHighestTierWhoseEveryRequirementIsMet() {
        assertThat(TierRules.qualified(metrics(0, 0), TIERS).name()).isEqualTo("registered");
        assertThat(TierRules.qualified(metrics(3, 1), TIERS).name()).isEqualTo("preferred");
        assertThat(TierRules.qualified(metrics(50, 2), TIERS).name()).isEqualTo("preferred");
        assertThat(TierRules.qualified(metrics(10, 3), TIERS).name()).isEqualTo("premier");
    }

    @Test
    void upgradesAtOnceWithTheNumbersInTheReason() {
        TierRules.Decision d = TierRules.evaluate("registered", metrics(10, 3), TIERS, null, 30, TODAY);
        assertThat(d.change()).isEqualTo(TierRules.Change.UPGRADE);
        assertThat(d.tier()).isEqualTo("premier");
        assertThat(d.reason()).contains("deals closed 10").contains("certified staff 3");
    }

    @Test
    void aDowngradeWaitsForTheGracePeriod() {
        TierRules.Decision started = TierRules.evaluate("premier", metrics(10, 1), TIERS, null, 30, TODAY);
        assertThat(started.change()).isEqualTo(TierRules.Change.GRACE_STARTED);
        assertThat(started.tier()).isEqualTo("premier");
        assertThat(started.belowSince()).isEqualTo(TODAY);
        assertThat(started.reason()).contains("2 more certified staff").contains("until 2026-07-01");

        TierRules.Decision waiting = TierRules.evaluate("premier", metrics(10, 1), TIERS, TODAY, 30, TODAY.plusDays(29));
        assertThat(waiting.change()).isEqualTo(TierRules.Change.IN_GRACE);
        assertThat(waiting.tier()).isEqualTo("premier");

        TierRules.Decision down = TierRules.evaluate("premier", metrics(10, 1), TIERS, TODAY, 30, TODAY.plusDays(30));
        assertThat(down.change()).isEqualTo(TierRules.Change.DOWNGRADE);
        assertThat(down.tier()).isEqualTo("preferred");

        TierRules.Decision recovered = TierRules.evaluate("premier", metrics(12, 3), TIERS, TODAY, 30, TODAY.plusDays(10));
        assertThat(recovered.change()).isEqualTo(TierRules.Change.RECOVERED);
        assertThat(recovered.belowSince()).isNull();
    }

    @Test
    void aPartnerFarBelowDropsStraightToWhatItQualifiesFor() {
        TierRules.Decision down = TierRules.evaluate("premier", metrics(0, 0), TIERS, TODAY.minusDays(40), 30, TODAY);
        assertThat(down.tier()).isEqualTo("registered");
    }

    @Test
    void progressSaysWhatIsMissingForTheNextTier() {
        assertThat(TierRules.progress("preferred", metrics(10, 1), TIERS)).isEqualTo("2 more certified staff to reach Premier");
        assertThat(TierRules.progress("preferred", metrics(9, 2), TIERS)).isEqualTo("1 more deal closed and 1 more certified staff to reach Premier");
        assertThat(TierRules.progress("registered", metrics(0, 0), TIERS)).isEqualTo("3 more deals closed and 1 more certified staff to reach Preferred");
        assertThat(TierRules.progress("premier", metrics(0, 0), TIERS)).isEqualTo("Top tier reached: Premier.");
        assertThat(TierRules.progress("registered", metrics(3, 1), TIERS)).contains("daily evaluation will move you up");
    }
}
