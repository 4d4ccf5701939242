package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionFormulasTest {

    static MrrTimeline timeline(String account, Object... dateAmountPairs) {
        LocalDate[] dates = new LocalDate[dateAmountPairs.length / 2];
        long[] amounts = new long[dates.length];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = LocalDate.parse((String) dateAmountPairs[2 * i]);
            amounts[i] = ((Number) dateAmountPairs[2 * i + 1]).longValue();
        }
        return new MrrTimeline(account, dates, amounts);
    }

    static final YearMonth JAN = YearMonth.of(2025, 1);
    static final YearMonth MAR = YearMonth.of(2025, 3);

    @Test
    void mrrOnADayIsTheLastChangeOnOrBeforeIt() {
        MrrTimeline t = timeline("a", "2024-11-10", 100, "2024-12-15", 150, "2025-01-31", 0);
        assertThat(t.on(LocalDate.parse("2024-11-09"))).isZero();
        assertThat(t.on(LocalDate.parse("2024-11-10"))).isEqualTo(100);
        assertThat(t.on(LocalDate.parse("2024-12-14"))).isEqualTo(100);
        assertThat(t.atEndOf(YearMonth.of(2024, 12))).as("mid-month upgrade counts at month end").isEqualTo(150);
        assertThat(t.atEndOf(JAN)).isZero();
    }

    @Test
    void changesOnTheSameDayLastOneWins() {
        MrrTimeline t = timeline("a", "2025-01-05", 100, "2025-01-05", 80);
        assertThat(t.atEndOf(JAN)).isEqualTo(80);
    }

    @Test
    void refusesChangesOutOfOrder() {
        assertThatThrownBy(() -> timeline("a", "2025-02-01", 100, "2025-01-01", 80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nrrGrrAndLogoChurnByDepthHandComputed() {
        // Period Jan..Mar 2025: start = MRR at end of Dec 2024, end = MRR at end of Mar 2025.
        RetentionCalculator r = new RetentionCalculator(JAN, MAR);
        r.add(timeline("expands", "2024-06-01", 100, "2025-02-14", 150), 0);         // 100 -> 150
        r.add(timeline("churns", "2024-06-01", 200, "2025-01-20", 0), 0);             // 200 -> 0
        r.add(timeline("contracts", "2024-06-01", 100, "2025-03-03", 60), 1);         // 100 -> 60
        r.add(timeline("churnsAndReturns", "2024-06-01", 50, "2025-01-10", 0, "2025-03-01", 70), 2); // 50 -> 70
        r.add(timeline("newBusiness", "2025-02-01", 500), 3);                         // not in the cohort
        r.add(timeline("deep", "2024-12-31", 300), 4);                                // 300 -> 300, starts on the last day

        List<RetentionCalculator.Segment> s = r.segments();
        RetentionCalculator.Segment zero = s.get(0);
        assertThat(zero.segment()).isEqualTo("0");
        assertThat(zero.customers()).isEqualTo(2);
        assertThat(zero.startMrr()).isEqualTo(300);
        assertThat(zero.nrr()).isEqualByComparingTo("0.5000");        // 150 / 300
        assertThat(zero.grr()).isEqualByComparingTo("0.3333");        // min(150,100)+min(0,200) = 100 / 300
        assertThat(zero.logoChurn()).isEqualByComparingTo("0.5000");

        RetentionCalculator.Segment oneTwo = s.get(1);
        assertThat(oneTwo.segment()).isEqualTo("1-2");
        assertThat(oneTwo.customers()).isEqualTo(2);
        assertThat(oneTwo.startMrr()).isEqualTo(150);
        assertThat(oneTwo.nrr()).isEqualByComparingTo("0.8667");      // (60 + 70) / 150
        assertThat(oneTwo.grr()).isEqualByComparingTo("0.7333");      // (60 + 50) / 150
        assertThat(oneTwo.logoChurn()).isEqualByComparingTo("0");      // churned and returned: retained

        RetentionCalculator.Segment deep = s.get(2);
        assertThat(deep.segment()).isEqualTo("3+");
        assertThat(deep.customers()).isEqualTo(1);
        assertThat(deep.nrr()).isEqualByComparingTo("1.0000");

        RetentionCalculator.Segment total = r.total();
        assertThat(total.customers()).isEqualTo(5);
        assertThat(total.startMrr()).isEqualTo(750);
        assertThat(total.nrr()).isEqualByComparingTo(new BigDecimal("0.7733")); // 580/750
    }

    @Test
    void emptySegmentHasNoRatios() {
        RetentionCalculator r = new RetentionCalculator(JAN, MAR);
        assertThat(r.segments().get(2).nrr()).isNull();
        assertThat(r.segments().get(2).logoChurn()).isNull();
    }

    @Test
    void grrNeverExceedsOneNrrCan() {
        RetentionCalculator r = new RetentionCalculator(JAN, JAN);
        r.add(100, 400, 3);
        assertThat(r.segments().get(2).nrr()).isEqualByComparingTo("4");
        assertThat(r.segments().get(2).grr()).isEqualByComparingTo("1");
    }

    @Test
    void depthSegments() {
        assertThat(DepthSegment.of(0).wire()).isEqualTo("0");
        assertThat(DepthSegment.of(1).wire()).isEqualTo("1-2");
        assertThat(DepthSegment.of(2).wire()).isEqualTo("1-2");
        assertThat(DepthSegment.of(3).wire()).isEqualTo("3+");
        assertThat(DepthSegment.of(12).wire()).isEqualTo("3+");
    }

    @Test
    void movementsClassifyNewExpansionContractionChurnAndReactivation() {
        assertThat(MrrMovements.classify(0, 100, false)).isEqualTo(MrrMovements.Kind.NEW);
        assertThat(MrrMovements.classify(0, 100, true)).isEqualTo(MrrMovements.Kind.REACTIVATION);
        assertThat(MrrMovements.classify(100, 150, true)).isEqualTo(MrrMovements.Kind.EXPANSION);
        assertThat(MrrMovements.classify(100, 60, true)).isEqualTo(MrrMovements.Kind.CONTRACTION);
        assertThat(MrrMovements.classify(100, 0, true)).isEqualTo(MrrMovements.Kind.CHURN);
        assertThat(MrrMovements.classify(100, 100, true)).isNull();
    }

    @Test
    void monthlyMovementsHandComputedAndBalanced() {
        MrrMovements m = new MrrMovements(JAN, YearMonth.of(2025, 4));
        m.add(timeline("a", "2025-01-10", 100, "2025-01-20", 120, "2025-03-15", 0, "2025-04-02", 90)); // new 120, churn 120 in Mar, reactivation 90 in Apr
        m.add(timeline("b", "2024-10-01", 200, "2025-02-15", 250, "2025-04-30", 150));                // expansion 50 Feb, contraction 100 Apr
        m.add(timeline("c", "2024-05-01", 80, "2024-08-01", 0, "2025-02-01", 40));                     // reactivation 40 Feb
        m.add(timeline("d", "2025-03-05", 10, "2025-03-25", 0));                                       // inside March only: no movement
        List<MrrMovements.Month> months = m.months();

        MrrMovements.Month jan = months.get(0);
        assertThat(jan.opening()).isEqualTo(200);
        assertThat(jan.newMrr()).as("mid-month upgrade counts in the new amount").isEqualTo(120);
        assertThat(jan.newCustomers()).isEqualTo(1);
        assertThat(jan.closing()).isEqualTo(320);

        MrrMovements.Month feb = months.get(1);
        assertThat(feb.expansion()).isEqualTo(50);
        assertThat(feb.reactivation()).isEqualTo(40);
        assertThat(feb.reactivatedCustomers()).isEqualTo(1);
        assertThat(feb.closing()).isEqualTo(410);

        MrrMovements.Month mar = months.get(2);
        assertThat(mar.churn()).isEqualTo(120);
        assertThat(mar.churnedCustomers()).isEqualTo(1);
        assertThat(mar.newMrr()).isZero();

        MrrMovements.Month apr = months.get(3);
        assertThat(apr.reactivation()).isEqualTo(90);
        assertThat(apr.contraction()).isEqualTo(100);
        for (MrrMovements.Month x : months) {
            assertThat(x.opening() + x.newMrr() + x.reactivation() + x.expansion() - x.contraction() - x.churn()).isEqualTo(x.closing());
        }
    }

    @Test
    void cohortHeatmapHandComputed() {
        CohortHeatmap h = new CohortHeatmap(JAN, MAR);
        h.add(timeline("a", "2025-01-05", 100, "2025-02-10", 200));
        h.add(timeline("b", "2025-01-20", 100, "2025-03-01", 0));
        h.add(timeline("c", "2025-02-01", 50));
        h.add(timeline("old", "2024-01-01", 999));
        List<CohortHeatmap.Row> rows = h.rows();
        assertThat(rows).hasSize(2);
        CohortHeatmap.Row jan = rows.get(0);
        assertThat(jan.cohort()).isEqualTo(JAN);
        assertThat(jan.accounts()).isEqualTo(2);
        assertThat(jan.startingMrr()).isEqualTo(200);
        assertThat(jan.cells()).hasSize(3);
        assertThat(jan.cells().get(1).mrrRetention()).isEqualByComparingTo("1.5");  // 300 / 200
        assertThat(jan.cells().get(2).mrrRetention()).isEqualByComparingTo("1");    // 200 / 200
        assertThat(jan.cells().get(2).logoRetention()).isEqualByComparingTo("0.5");
        assertThat(rows.get(1).cells()).hasSize(2);
    }
}
