package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.playbook.LaunchPlan.Phase;
import dev.flywheel.playbook.LaunchPlan.TaskStatus;
import dev.flywheel.playbook.SuccessCriteria.State;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchRulesTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 2);

    // ---- the plan

    @Test
    void theFivePhasesCoverNinetyConsecutiveDaysWithoutGaps() {
        int expectedFirst = 1;
        for (Phase p : Phase.values()) {
            assertThat(p.firstDay()).isEqualTo(expectedFirst);
            assertThat(p.lastDay()).isGreaterThanOrEqualTo(p.firstDay());
            expectedFirst = p.lastDay() + 1;
        }
        assertThat(expectedFirst - 1).isEqualTo(LaunchPlan.DAYS);
        assertThat(Phase.values()).extracting(Phase::label).containsExactly("Foundation and research", "API hardening and first integration",
                "Partner outreach", "First integration and portal launch", "Systematise and scale to ten partners");
    }

    @ParameterizedTest(name = "day {0} is in {1}")
    @CsvSource({"1,FOUNDATION", "15,FOUNDATION", "16,API_HARDENING", "30,API_HARDENING", "31,PARTNER_OUTREACH", "45,PARTNER_OUTREACH",
            "46,PORTAL_LAUNCH", "60,PORTAL_LAUNCH", "61,SCALE", "90,SCALE"})
    void phaseOfDay(int day, Phase phase) {
        assertThat(Phase.ofDay(day)).isEqualTo(phase);
    }

    @Test
    void datesCountFromTheStartDateAsDayOne() {
        assertThat(LaunchPlan.date(START, 1)).isEqualTo(START);
        assertThat(LaunchPlan.date(START, 90)).isEqualTo(LocalDate.of(2026, 5, 30));
        assertThat(LaunchPlan.dayOf(START, START)).isEqualTo(1);
        assertThat(LaunchPlan.dayOf(START, START.minusDays(3))).isEqualTo(-2);
        assertThatThrownBy(() -> LaunchPlan.date(START, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currentPhaseIsNoneBeforeTheStartAndAfterDayNinety() {
        assertThat(LaunchPlan.currentPhase(START, START.minusDays(1))).isNull();
        assertThat(LaunchPlan.currentPhase(START, START)).isEqualTo(Phase.FOUNDATION);
        assertThat(LaunchPlan.currentPhase(START, START.plusDays(45))).isEqualTo(Phase.PORTAL_LAUNCH);
        assertThat(LaunchPlan.currentPhase(START, START.plusDays(89))).isEqualTo(Phase.SCALE);
        assertThat(LaunchPlan.currentPhase(START, START.plusDays(90))).isNull();
    }

    @ParameterizedTest(name = "done={0}, due day {1}, today is day {2} -> {3}")
    @CsvSource({"true,10,40,DONE", "false,10,11,OVERDUE", "false,10,10,DUE_SOON", "false,10,4,DUE_SOON", "false,10,3,OPEN",
            "false,90,1,OPEN", "true,10,1,DONE"})
    void taskStatus(boolean done, int dueDay, int today, TaskStatus status) {
        assertThat(LaunchPlan.status(done, START, dueDay, LaunchPlan.date(START, today))).isEqualTo(status);
    }

    @Test
    void percentDoneRoundsDown() {
        assertThat(LaunchPlan.percentDone(List.of())).isZero();
        assertThat(LaunchPlan.percentDone(List.of(true, false, false))).isEqualTo(33);
        assertThat(LaunchPlan.percentDone(List.of(true, true))).isEqualTo(100);
    }

    // ---- success criteria

    @Test
    void aCriterionWithoutASignalIsNotMeasurableAndSaysWhichModuleItNeeds() {
        List<SuccessCriteria.Row> rows = SuccessCriteria.evaluate(Map.of());
        assertThat(rows).hasSize(5).allMatch(r -> r.state() == State.NOT_MEASURABLE && r.value() == null);
        assertThat(row(rows, LaunchCriterion.ACTIVE_INTEGRATION_PARTNERS).needsText()).isEqualTo("not measurable yet — needs the marketplace module");
        assertThat(row(rows, LaunchCriterion.PARTNER_SOURCED_LEADS).needsText()).contains("partners module");
        assertThat(SuccessCriteria.met(rows)).isZero();
    }

    @ParameterizedTest(name = "{0}: {1} measured -> {2}")
    @CsvSource({"ACTIVE_INTEGRATION_PARTNERS,9,NOT_MET", "ACTIVE_INTEGRATION_PARTNERS,10,MET", "ACTIVE_INTEGRATION_PARTNERS,14,MET",
            "EXTERNAL_MARKETPLACES,1,NOT_MET", "EXTERNAL_MARKETPLACES,2,MET", "PARTNER_SOURCED_LEADS,0,NOT_MET", "PARTNER_SOURCED_LEADS,1,MET",
            "DEAL_REGISTRATION_IN_USE,0,NOT_MET", "DEAL_REGISTRATION_IN_USE,3,MET", "JOINT_CO_MARKETING,0,NOT_MET", "JOINT_CO_MARKETING,1,MET"})
    void eachCriterionIsMetAtItsTarget(LaunchCriterion criterion, long value, State state) {
        SuccessCriteria.Row r = row(SuccessCriteria.evaluate(Map.of(criterion, List.of(new LaunchSignal.Measurement(value, "counted")))), criterion);
        assertThat(r.state()).isEqualTo(state);
        assertThat(r.value()).isEqualTo(value);
        assertThat(r.evidence()).isEqualTo("counted");
    }

    @Test
    void severalSignalsForOneCriterionCountTheHighestAndShowAllEvidence() {
        Map<LaunchCriterion, List<LaunchSignal.Measurement>> m = new EnumMap<>(LaunchCriterion.class);
        m.put(LaunchCriterion.EXTERNAL_MARKETPLACES, List.of(new LaunchSignal.Measurement(1, "A."), new LaunchSignal.Measurement(2, "B.")));
        SuccessCriteria.Row r = row(SuccessCriteria.evaluate(m), LaunchCriterion.EXTERNAL_MARKETPLACES);
        assertThat(r.state()).isEqualTo(State.MET);
        assertThat(r.value()).isEqualTo(2);
        assertThat(r.evidence()).isEqualTo("A. B.");
    }

    @Test
    void criteriaTargetsAreTheLaunchGoals() {
        assertThat(LaunchCriterion.ACTIVE_INTEGRATION_PARTNERS.target()).isEqualTo(10);
        assertThat(LaunchCriterion.EXTERNAL_MARKETPLACES.target()).isEqualTo(2);
        assertThat(LaunchCriterion.PARTNER_SOURCED_LEADS.target()).isEqualTo(1);
        assertThat(LaunchCriterion.DEAL_REGISTRATION_IN_USE.target()).isEqualTo(1);
        assertThat(LaunchCriterion.JOINT_CO_MARKETING.target()).isEqualTo(1);
    }

    // ---- co-marketing register

    @Test
    void externalMarketplacesCountDistinctLiveListingsOnly() {
        LocalDate today = LocalDate.of(2026, 4, 1);
        List<CoMarketing.Asset> assets = List.of(
                listing("HubSpot App Marketplace", today.minusDays(5)),
                listing("hubspot  app marketplace", today.minusDays(1)),
                listing("Salesforce AppExchange", null),
                listing("Zapier", today.plusDays(1)),
                listing("  ", today),
                new CoMarketing.Asset("cma_2", CoMarketing.Kind.WEBINAR, "Webinar", "prt_1", "P", "Shopify App Store", null, today));
        assertThat(CoMarketing.externalMarketplaces(assets, today)).containsExactly("HubSpot App Marketplace");

        List<CoMarketing.Asset> two = List.of(listing("HubSpot App Marketplace", today), listing("Salesforce AppExchange", today.minusDays(30)));
        assertThat(CoMarketing.externalMarketplaces(two, today)).containsExactly("HubSpot App Marketplace", "Salesforce AppExchange");
    }

    @Test
    void jointAssetsAreLiveAssetsMadeWithAPartner() {
        LocalDate today = LocalDate.of(2026, 4, 1);
        CoMarketing.Asset webinar = new CoMarketing.Asset("cma_1", CoMarketing.Kind.WEBINAR, "Webinar", "prt_1", "P", null, null, today);
        CoMarketing.Asset planned = new CoMarketing.Asset("cma_2", CoMarketing.Kind.CASE_STUDY, "Study", "prt_1", "P", null, null, null);
        CoMarketing.Asset jointListing = new CoMarketing.Asset("cma_3", CoMarketing.Kind.EXTERNAL_LISTING, "Joint", "prt_2", "Q", "Zapier", null,
                today.minusDays(2));
        assertThat(CoMarketing.jointAssets(List.of(webinar, planned, jointListing, listing("HubSpot", today)), today))
                .containsExactly(webinar, jointListing);
    }

    @Test
    void onlyWebLinksAreAccepted() {
        assertThat(LaunchPages.isWebLink("https://ecosystem.hubspot.com/marketplace/apps/flywheel")).isTrue();
        assertThat(LaunchPages.isWebLink("http://example.com")).isTrue();
        assertThat(LaunchPages.isWebLink("javascript:alert(1)")).isFalse();
        assertThat(LaunchPages.isWebLink("ftp://example.com/x")).isFalse();
        assertThat(LaunchPages.isWebLink("not a url")).isFalse();
    }

    private static CoMarketing.Asset listing(String marketplace, LocalDate liveOn) {
        return new CoMarketing.Asset("cma_" + marketplace.hashCode(), CoMarketing.Kind.EXTERNAL_LISTING, "Listing", null, null, marketplace, null, liveOn);
    }

    private static SuccessCriteria.Row row(List<SuccessCriteria.Row> rows, LaunchCriterion c) {
        return rows.stream().filter(r -> r.criterion() == c).findFirst().orElseThrow();
    }
}
