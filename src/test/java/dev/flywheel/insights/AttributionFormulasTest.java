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

    static AttributionEngine.Result engine(List<Opportunity> deals, List<Touch> touches) {
        return AttributionEngine.run(AttributionFacts.of(deals, touches), 180);
    }

    static Opportunity deal(String id, String account, String status, long amount, int createdDay, int closedDay, String creator) {
        return new Opportunity(id, account, status, amount, day(createdDay), day(closedDay), creator);
    }

    @Test
    void multiPartnerDealSplitsCreditByModelAndCountsInfluenceForEach() {
        // Owner touch day 0, partner A day 10, partner B day 20, close day 30; 900.00 won.
        AttributionEngine.Result r = engine(List.of(won("o1", 900_00, 0, 30)), List.of(
                touch("o", null, "webinar", 0), touch("a", "prt_a", "referral_click", 10), touch("b", "prt_b", "install", 20)));
        AttributionReport.Summary s = r.summary(AttributionModel.LINEAR);
        assertThat(s.totalRevenue()).isEqualTo(900_00);
        assertThat(s.influencedRevenue()).isEqualTo(900_00);
        assertThat(s.sourcedRevenue()).isZero();
        assertThat(s.partnerAttributedRevenue()).isEqualTo(600_00);
        assertThat(s.ownerAttributedRevenue()).isEqualTo(300_00);
        assertThat(s.partners()).hasSize(2);
        assertThat(s.partners()).allSatisfy(row -> {
            assertThat(row.attributedRevenue()).isEqualTo(300_00);
            assertThat(row.influencedRevenue()).isEqualTo(900_00);
        });

        AttributionReport.Summary us = r.summary(AttributionModel.U_SHAPED);
        assertThat(us.partners().stream().filter(row -> row.partnerId().equals("prt_a")).findFirst().orElseThrow().attributedRevenue()).isEqualTo(180_00);
        assertThat(us.partners().stream().filter(row -> row.partnerId().equals("prt_b")).findFirst().orElseThrow().attributedRevenue()).isEqualTo(360_00);
        assertThat(us.ownerAttributedRevenue()).isEqualTo(360_00);

        assertThat(r.summary(AttributionModel.FIRST_TOUCH).partnerAttributedRevenue()).isZero();
        assertThat(r.summary(AttributionModel.LAST_TOUCH).partners()).extracting(AttributionReport.PartnerRow::attributedRevenue)
                .containsExactly(900_00L, 0L);
        // Time decay: weights 2^(-20/7), 2^(-10/7), 1 normalised; partner B (last) gets the most.
        double wo = Math.pow(2, -20 / 7.0);
        double wa = Math.pow(2, -10 / 7.0);
        double sum = wo + wa + 1;
        AttributionReport.Summary decay = r.summary(AttributionModel.TIME_DECAY);
        assertThat(decay.ownerAttributedRevenue()).isEqualTo(Math.round(900_00 * wo / sum));
        assertThat(decay.partnerAttributedRevenue()).isEqualTo(900_00 - Math.round(900_00 * wo / sum));
    }

    @Test
    void zeroTouchDealIsDirectAndUnattributed() {
        AttributionEngine.Result r = engine(List.of(won("o1", 700, 0, 10), deal("lost", "acct", "lost", 999, 0, 5, null)), List.of());
        AttributionReport.Summary s = r.summary(AttributionModel.TIME_DECAY);
        assertThat(s.wonDeals()).isEqualTo(1);
        assertThat(s.directRevenue()).isEqualTo(700);
        assertThat(s.unattributedRevenue()).isEqualTo(700);
        assertThat(s.partnerAttributedRevenue() + s.ownerAttributedRevenue() + s.unattributedRevenue()).isEqualTo(s.totalRevenue());
        assertThat(s.partners()).isEmpty();
    }

    @Test
    void touchesCountOnlyForTheirOwnDealAndInsideTheWindow() {
        // Two deals on one account: a touch recorded for o2 never counts for o1; one 200 days before o1 is outside the 180-day look-back.
        AttributionEngine.Result r = engine(List.of(deal("o1", "acct", "won", 1000, 200, 210, null), deal("o2", "acct", "won", 500, 200, 210, null)),
                List.of(new Touch("old", "acct", null, "prt_old", "webinar", day(0)),
                        new Touch("for-o2", "acct", "o2", "prt_b", "webinar", day(205)),
                        new Touch("mine", "acct", "o1", null, "webinar", day(205))));
        AttributionReport.Summary s = r.summary(AttributionModel.LINEAR);
        assertThat(s.directRevenue()).isEqualTo(1000);
        assertThat(s.influencedRevenue()).isEqualTo(500);
        assertThat(s.partners()).extracting(AttributionReport.PartnerRow::partnerId).containsExactly("prt_b");
        assertThat(s.partners().get(0).attributedRevenue()).isEqualTo(500);
    }

    @Test
    void registrationBeforeTheOwnersFirstTouchSourcesTheDeal() {
        AttributionEngine.Result r = engine(List.of(deal("o1", "a1", "won", 1000, 10, 40, null), deal("o2", "a2", "won", 300, 10, 40, null),
                deal("o3", "a3", "won", 70, 10, 40, "prt_c")), List.of(
                new Touch("r1", "a1", null, "prt_a", "deal_registration", day(5)), new Touch("w1", "a1", null, null, "webinar", day(6)),
                new Touch("w2", "a2", null, null, "webinar", day(5)), new Touch("r2", "a2", null, "prt_b", "deal_registration", day(6))));
        AttributionReport.Summary s = r.summary(AttributionModel.FIRST_TOUCH);
        assertThat(s.sourcedRevenue()).isEqualTo(1070);
        assertThat(s.influencedRevenue()).isEqualTo(300);
        assertThat(s.partners()).filteredOn(row -> row.partnerId().equals("prt_c")).singleElement()
                .satisfies(row -> assertThat(row.sourcedRevenue()).isEqualTo(70));
        assertThat(s.unattributedRevenue()).isEqualTo(70);
    }

    @Test
    void touchesAtTheSameInstantAreOrderedById() {
        Instant t = day(3);
        AttributionEngine.Result r = engine(List.of(won("o1", 100, 0, 10)),
                List.of(new Touch("b", "acct", null, null, "x", t), new Touch("a", "acct", null, "prt_a", "x", t)));
        assertThat(r.summary(AttributionModel.FIRST_TOUCH).partnerAttributedRevenue()).isEqualTo(100);
        assertThat(r.summary(AttributionModel.LAST_TOUCH).ownerAttributedRevenue()).isEqualTo(100);
    }

    @Test
    void creditIsRoundedHalfEvenOnceAtTheEnd() {
        // 100 minor units over three linear touches by one partner each time: 33.33.. x3 = 100 exactly after summing.
        AttributionEngine.Result r = engine(List.of(won("o1", 100, 0, 10), deal("o2", "acct2", "won", 1, 0, 10, null)),
                List.of(touch("a", "prt_a", "x", 1), touch("b", null, "x", 2), touch("c", null, "x", 3),
                        new Touch("d", "acct2", null, "prt_a", "x", day(1)), new Touch("e", "acct2", null, null, "x", day(2))));
        // partner: 33.333.. + 0.5 = 33.83 -> 34; owner 66.67 + 0.5 = 67.17 -> 67
        AttributionReport.Summary s = r.summary(AttributionModel.LINEAR);
        assertThat(s.partners().get(0).attributedRevenue()).isEqualTo(34);
        assertThat(s.ownerAttributedRevenue()).isEqualTo(67);
        assertThat(AttributionReport.round(2.5)).isEqualTo(2);
        assertThat(AttributionReport.round(3.5)).isEqualTo(4);
    }

    @Test
    void winRateDealSizeAndTimeToCloseWithAndWithoutPartner() {
        AttributionReport.Outcomes o = engine(List.of(
                deal("p1", "a1", "won", 1000, 0, 10, null),
                deal("p2", "a2", "won", 3000, 0, 30, null),
                deal("p3", "a3", "lost", 500, 0, 5, "prt_a"),
                deal("d1", "a4", "won", 500, 0, 40, null),
                deal("d2", "a5", "lost", 500, 0, 5, null),
                deal("d3", "a6", "lost", 500, 0, 5, null),
                new Opportunity("open", "a7", "open", 500, day(0), null, null)),
                List.of(new Touch("a", "a1", null, "prt_a", "x", day(1)), new Touch("b", "a2", null, "prt_a", "x", day(1)))).outcomes();
        assertThat(o.withPartner().closedDeals()).isEqualTo(3);
        assertThat(o.withPartner().winRate()).isEqualByComparingTo("0.6667");
        assertThat(o.withPartner().averageDealSize()).isEqualTo(2000);
        assertThat(o.withPartner().medianDaysToClose()).isEqualByComparingTo("20");
        assertThat(o.withoutPartner().closedDeals()).isEqualTo(3);
        assertThat(o.withoutPartner().winRate()).isEqualByComparingTo("0.3333");
        assertThat(o.withoutPartner().averageDealSize()).isEqualTo(500);
    }

    @Test
    void columnarEngineAgreesWithDealByDealJourneysOnRandomData() {
        java.util.Random random = new java.util.Random(5);
        List<Opportunity> deals = new java.util.ArrayList<>();
        List<Touch> touches = new java.util.ArrayList<>();
        String[] statuses = {"won", "won", "lost", "open"};
        for (int a = 0; a < 300; a++) {
            String account = "acc" + a;
            for (int k = 0; k < 1 + random.nextInt(2); k++) {
                int created = random.nextInt(300);
                deals.add(new Opportunity("o" + a + "_" + k, account, statuses[random.nextInt(4)], 1 + random.nextInt(100_000), day(created),
                        day(created + 1 + random.nextInt(60)), random.nextInt(10) == 0 ? "p" + random.nextInt(7) : null));
            }
            for (int i = random.nextInt(12); i > 0; i--) {
                String opportunity = random.nextInt(6) == 0 ? "o" + a + "_" + random.nextInt(3) : null;
                touches.add(new Touch("t" + random.nextInt(1_000_000), account, opportunity, random.nextInt(3) == 0 ? null : "p" + random.nextInt(7),
                        random.nextInt(5) == 0 ? "deal_registration" : "webinar", T0.plusSeconds(random.nextInt(400) * DAY / 4)));
            }
        }
        AttributionEngine.Result r = engine(deals, touches);
        List<Journey> journeys = deals.stream().map(d -> Journey.of(d, touches.stream().filter(t -> t.account().equals(d.account())).toList(), 180)).toList();
        for (AttributionModel model : AttributionModel.values()) {
            assertThat(r.summary(model)).isEqualTo(DealByDealReference.summary(model, journeys));
        }
        assertThat(r.outcomes()).isEqualTo(DealByDealReference.outcomes(journeys));
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
