package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributionFormulasTest {

    static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    static final long DAY = 86400;

    static Instant day(int n) {
        return T0.plusSeconds(n * DAY);
    }

    static Touch touch(String id, String partner, String kind, int day) {
        return new Touch(id, "acct", null, partner, kind, day(day));
    }

    static Opportunity won(String id, long amount, int createdDay, int closedDay) {
        return new Opportunity(id, "acct", "won", amount, day(createdDay), day(closedDay), null);
    }

    @Test
    void firstAndLastTouch() {
        long[] t = {0, 10, 20};
        assertThat(AttributionModel.FIRST_TOUCH.weights(t, 30)).containsExactly(1, 0, 0);
        assertThat(AttributionModel.LAST_TOUCH.weights(t, 30)).containsExactly(0, 0, 1);
        assertThat(AttributionModel.FIRST_TOUCH.weights(new long[0], 30)).isEmpty();
    }

    @Test
    void linearSplitsEqually() {
        assertThat(AttributionModel.LINEAR.weights(new long[] {0, 1, 2, 3}, 5)).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void uShapedIs40_20_40() {
        assertThat(AttributionModel.U_SHAPED.weights(new long[] {0}, 5)).containsExactly(1.0);
        assertThat(AttributionModel.U_SHAPED.weights(new long[] {0, 1}, 5)).containsExactly(0.5, 0.5);
        assertThat(AttributionModel.U_SHAPED.weights(new long[] {0, 1, 2}, 5)).containsExactly(0.4, 0.2, 0.4);
        double[] five = AttributionModel.U_SHAPED.weights(new long[] {0, 1, 2, 3, 4}, 5);
        assertThat(five[0]).isEqualTo(0.4);
        assertThat(five[1]).isCloseTo(0.2 / 3, within(1e-15));
        assertThat(five[4]).isEqualTo(0.4);
    }

    @Test
    void timeDecayHalvesEverySevenDays() {
        // Touches 14, 7 and 0 days before close: raw weights 1/4, 1/2, 1 -> normalised 1/7, 2/7, 4/7.
        long close = 100 * DAY;
        double[] w = AttributionModel.TIME_DECAY.weights(new long[] {close - 14 * DAY, close - 7 * DAY, close}, close);
        assertThat(w[0]).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(w[1]).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(w[2]).isCloseTo(4.0 / 7, within(1e-12));
        double[] old = AttributionModel.TIME_DECAY.weights(new long[] {0, 7 * DAY}, 40_000 * DAY);
        assertThat(old[0]).as("no underflow for ancient journeys").isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void everyModelSumsToOne() {
        long[] t = {0, 3 * DAY, 4 * DAY, 30 * DAY, 31 * DAY};
        for (AttributionModel m : AttributionModel.values()) {
            double sum = 0;
            for (double w : m.weights(t, 40 * DAY)) {
                sum += w;
            }
            assertThat(sum).as(m.name()).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void dealRegistrationBeforeOwnersFirstTouchIsSourced() {
        Journey j = Journey.of(won("o1", 1000_00, 5, 40), List.of(
                touch("t2", null, "webinar", 10), touch("t1", "prt_a", "deal_registration", 2), touch("t3", "prt_b", "listing_view", 20)), 180);
        assertThat(j.sourcedBy()).isEqualTo("prt_a");
        assertThat(j.touches()).extracting(Touch::id).containsExactly("t1", "t2", "t3");
        assertThat(j.partners()).containsExactly("prt_a", "prt_b");
    }

    @Test
    void registrationAfterTheOwnersFirstTouchOnlyInfluences() {
        Journey j = Journey.of(won("o1", 1000, 5, 40), List.of(
                touch("t1", null, "webinar", 1), touch("t2", "prt_a", "deal_registration", 3)), 180);
        assertThat(j.sourced()).isFalse();
        assertThat(j.influenced()).isTrue();
    }

    @Test
    void opportunityCreatedByPartnerWithNoOwnerTouchIsSourced() {
        Opportunity o = new Opportunity("o1", "acct", "won", 500, day(1), day(9), "prt_c");
        assertThat(Journey.of(o, List.of(), 180).sourcedBy()).isEqualTo("prt_c");
    }

    @Test
    void touchesAfterCloseBeforeLookbackOrForAnotherOpportunityDoNotCount() {
        Journey j = Journey.of(won("o1", 1000, 200, 210), List.of(
                touch("early", "prt_a", "listing_view", 10),          // 190 days before creation, lookback 180
                touch("after", "prt_a", "listing_view", 211),
                new Touch("other", "acct", "o2", "prt_b", "webinar", day(205)),
                new Touch("mine", "acct", "o1", null, "webinar", day(205))), 180);
        assertThat(j.touches()).extracting(Touch::id).containsExactly("mine");
        assertThat(j.partnerInvolved()).isFalse();
    }

    @Test
    void multiPartnerDealSplitsCreditByModelAndCountsInfluenceForEach() {
        // Owner touch day 0, partner A day 10, partner B day 20, close day 30; 900.00 won.
        Journey j = Journey.of(won("o1", 900_00, 0, 30), List.of(
                touch("o", null, "webinar", 0), touch("a", "prt_a", "referral_click", 10), touch("b", "prt_b", "install", 20)), 180);
        AttributionReport linear = new AttributionReport(AttributionModel.LINEAR);
        linear.add(j);
        AttributionReport.Summary s = linear.summary();
        assertThat(s.totalRevenue()).isEqualTo(900_00);
        assertThat(s.influencedRevenue()).isEqualTo(900_00);
        assertThat(s.sourcedRevenue()).isZero();
        assertThat(s.partnerAttributedRevenue()).isEqualTo(600_00);
        assertThat(s.ownerAttributedRevenue()).isEqualTo(300_00);
        assertThat(s.partners()).hasSize(2);
        assertThat(s.partners()).allSatisfy(r -> {
            assertThat(r.attributedRevenue()).isEqualTo(300_00);
            assertThat(r.influencedRevenue()).isEqualTo(900_00);
        });

        AttributionReport u = new AttributionReport(AttributionModel.U_SHAPED);
        u.add(j);
        AttributionReport.Summary us = u.summary();
        assertThat(us.partners().stream().filter(r -> r.partnerId().equals("prt_a")).findFirst().orElseThrow().attributedRevenue()).isEqualTo(180_00);
        assertThat(us.partners().stream().filter(r -> r.partnerId().equals("prt_b")).findFirst().orElseThrow().attributedRevenue()).isEqualTo(360_00);
        assertThat(us.ownerAttributedRevenue()).isEqualTo(360_00);

        AttributionReport first = new AttributionReport(AttributionModel.FIRST_TOUCH);
        first.add(j);
        assertThat(first.summary().partnerAttributedRevenue()).isZero();
    }

    @Test
    void zeroTouchDealIsDirectAndUnattributed() {
        AttributionReport r = new AttributionReport(AttributionModel.TIME_DECAY);
        r.add(Journey.of(won("o1", 700, 0, 10), List.of(), 180));
        r.add(Journey.of(new Opportunity("lost", "acct", "lost", 999, day(0), day(5), null), List.of(), 180));
        AttributionReport.Summary s = r.summary();
        assertThat(s.wonDeals()).isEqualTo(1);
        assertThat(s.directRevenue()).isEqualTo(700);
        assertThat(s.unattributedRevenue()).isEqualTo(700);
        assertThat(s.partnerAttributedRevenue() + s.ownerAttributedRevenue() + s.unattributedRevenue()).isEqualTo(s.totalRevenue());
        assertThat(s.partners()).isEmpty();
    }

    @Test
    void creditIsRoundedHalfEvenOnceAtTheEnd() {
        // 100 minor units over three linear touches by one partner each time: 33.33.. x3 = 100 exactly after summing.
        AttributionReport r = new AttributionReport(AttributionModel.LINEAR);
        r.add(Journey.of(won("o1", 100, 0, 10), List.of(touch("a", "prt_a", "x", 1), touch("b", null, "x", 2), touch("c", null, "x", 3)), 180));
        r.add(Journey.of(new Opportunity("o2", "acct2", "won", 1, day(0), day(10), null), List.of(new Touch("d", "acct2", null, "prt_a", "x", day(1)),
                new Touch("e", "acct2", null, null, "x", day(2))), 180));
        // partner: 33.333.. + 0.5 = 33.83 -> 34; owner 66.67 + 0.5 = 67.17 -> 67
        AttributionReport.Summary s = r.summary();
        assertThat(s.partners().get(0).attributedRevenue()).isEqualTo(34);
        assertThat(s.ownerAttributedRevenue()).isEqualTo(67);
        assertThat(AttributionReport.round(2.5)).isEqualTo(2);
        assertThat(AttributionReport.round(3.5)).isEqualTo(4);
    }

    @Test
    void winRateDealSizeAndTimeToCloseWithAndWithoutPartner() {
        List<Journey> journeys = List.of(
                Journey.of(won("p1", 1000, 0, 10), List.of(touch("a", "prt_a", "x", 1)), 180),
                Journey.of(won("p2", 3000, 0, 30), List.of(touch("b", "prt_a", "x", 1)), 180),
                Journey.of(new Opportunity("p3", "acct", "lost", 500, day(0), day(5), "prt_a"), List.of(), 180),
                Journey.of(won("d1", 500, 0, 40), List.of(), 180),
                Journey.of(new Opportunity("d2", "acct", "lost", 500, day(0), day(5), null), List.of(), 180),
                Journey.of(new Opportunity("d3", "acct", "lost", 500, day(0), day(5), null), List.of(), 180),
                Journey.of(new Opportunity("open", "acct", "open", 500, day(0), null, null), List.of(), 180));
        AttributionReport.Outcomes o = AttributionReport.outcomes(journeys);
        assertThat(o.withPartner().closedDeals()).isEqualTo(3);
        assertThat(o.withPartner().winRate()).isEqualByComparingTo("0.6667");
        assertThat(o.withPartner().averageDealSize()).isEqualTo(2000);
        assertThat(o.withPartner().medianDaysToClose()).isEqualByComparingTo("20");
        assertThat(o.withoutPartner().closedDeals()).isEqualTo(3);
        assertThat(o.withoutPartner().winRate()).isEqualByComparingTo("0.3333");
        assertThat(o.withoutPartner().averageDealSize()).isEqualTo(500);
    }

    @Test
    void percentiles() {
        assertThat(Percentiles.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Percentiles.median(new double[] {1, 2, 3, 4})).isEqualTo(2.5);
        assertThat(Percentiles.of(new double[] {1, 2, 3, 4, 5}, 0.75)).isEqualTo(4);
        assertThat(Percentiles.of(new double[] {10, 20}, 0.75)).isEqualTo(17.5);
        assertThat(Percentiles.median(new double[0])).isNaN();
    }
}
