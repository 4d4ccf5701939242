package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Money;
import dev.flywheel.playbook.LeverPriority.Pillar;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaybookRulesTest {

    // ---- ROI

    @Test
    void theWorkedExample500UsersAt8PercentAnd150ArpuIs72000OfNewMrrAYear() {
        RoiCalculator.Result r = RoiCalculator.calculate(new RoiCalculator.Inputs(500, new BigDecimal("0.08"), new BigDecimal("0.02"),
                Money.of(150_00, "USD"), 24, new BigDecimal("0.20"), Money.of(2_000_00, "USD")));

        assertThat(r.newCustomersPerMonth()).isEqualByComparingTo("40");
        assertThat(r.newMrrPerMonth()).isEqualTo(Money.of(6_000_00, "USD"));
        assertThat(r.newMrrPerYear()).isEqualTo(Money.of(72_000_00, "USD"));
        assertThat(r.firstYearRevenue()).as("6,000 × 78 months of MRR").isEqualTo(Money.of(468_000_00, "USD"));
        assertThat(r.incrementalCustomersPerMonth()).isEqualByComparingTo("30");
        assertThat(r.netLtvPerCustomer()).as("150 × 24 × 0.8").isEqualTo(Money.of(2_880_00, "USD"));
        assertThat(r.incrementalNetValuePerMonth()).isEqualTo(Money.of(86_400_00, "USD"));
        assertThat(r.accretive()).isTrue();
        assertThat(r.working()).extracting(RoiCalculator.Step::formula)
                .contains("500 visitors × 8%", "40 customers × $150 ARPU", "$6,000 × 12 months");
        assertThat(r.working()).extracting(RoiCalculator.Step::result).contains("40", "$6,000", "$72,000");
    }

    @Test
    void notAccretiveWhenTheMarketplaceAddsNothingOverTheBaseline() {
        RoiCalculator.Result r = RoiCalculator.calculate(new RoiCalculator.Inputs(500, new BigDecimal("0.03"), new BigDecimal("0.03"),
                Money.of(150_00, "USD"), 24, new BigDecimal("0.30"), Money.of(100_00, "USD")));
        assertThat(r.incrementalNetValuePerMonth().amount()).isZero();
        assertThat(r.accretive()).isFalse();
    }

    // ---- platform decision

    @ParameterizedTest(name = "{0} yes -> {1}")
    @CsvSource({"0,JOIN", "1,JOIN", "2,JOIN", "3,HYBRID", "4,BUILD", "5,BUILD"})
    void verdictThresholds(int yes, PlatformDecision.Verdict verdict) {
        assertThat(PlatformDecision.verdict(yes)).isEqualTo(verdict);
    }

    @Test
    void verdictCountsOnlyYesAnswers() {
        assertThat(PlatformDecision.verdict(java.util.Arrays.asList(true, true, null, false, true))).isEqualTo(PlatformDecision.Verdict.HYBRID);
        assertThatThrownBy(() -> PlatformDecision.verdict(6)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- matrix

    private static LeverPriority.Scored lever(String name, double impact, double effort, Pillar... pillars) {
        return new LeverPriority.Scored(name, name, Set.of(pillars), impact, effort, 3);
    }

    @Test
    void priorityPutsHighImpactLowEffortMultiPillarLeversFirst() {
        List<LeverPriority.Scored> order = LeverPriority.order(List.of(
                lever("Money pit", 2, 5, Pillar.CROSS_SELL),
                lever("Big bet", 5, 5, Pillar.NETWORK_EFFECTS, Pillar.CROSS_SELL),
                lever("Quick win, one pillar", 5, 1, Pillar.CROSS_SELL),
                lever("Fill-in", 2, 1, Pillar.NETWORK_EFFECTS),
                lever("Quick win, two pillars", 4, 2, Pillar.NETWORK_EFFECTS, Pillar.DATA_AMPLIFICATION),
                new LeverPriority.Scored("unscored", "Unscored", Set.of(Pillar.CROSS_SELL), null, null, 0)));

        assertThat(order).extracting(LeverPriority.Scored::name).containsExactly("Quick win, two pillars", "Quick win, one pillar", "Big bet",
                "Fill-in", "Money pit");
        assertThat(order.get(0).quadrant()).isEqualTo(LeverPriority.Quadrant.QUICK_WIN);
    }

    @Test
    void warnsWhenEveryHighImpactLeverFeedsTheSamePillar() {
        assertThat(LeverPriority.singlePillar(List.of(lever("A", 5, 1, Pillar.CROSS_SELL), lever("B", 4, 4, Pillar.CROSS_SELL),
                lever("C", 1, 1, Pillar.NETWORK_EFFECTS)))).contains(Pillar.CROSS_SELL);
        assertThat(LeverPriority.singlePillar(List.of(lever("A", 5, 1, Pillar.CROSS_SELL), lever("B", 4, 4, Pillar.NETWORK_EFFECTS))))
                .isEmpty();
        assertThat(LeverPriority.singlePillar(List.of())).isEmpty();
    }

    // ---- survey

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"salesforce,Salesforce", "SFDC,Salesforce", "Salesforec,Salesforce", "  hub spot ,HubSpot", "Hubspt,HubSpot",
            "gsheets,Google Sheets", "Google  sheets,Google Sheets", "MS Teams,Microsoft Teams", "slak,Slack", "JIRA,Jira",
            "quick books,QuickBooks", "Acme Internal Tool,Acme Internal Tool", "figma,Figma"})
    void normalisesToolNames(String typed, String canonical) {
        assertThat(ToolNames.canonical(typed)).contains(canonical);
    }

    @Test
    void shortUnknownNamesAreNotForcedOntoKnownTools() {
        assertThat(ToolNames.canonical("Xera")).contains("Xero"); // one edit from a 4-letter name
        assertThat(ToolNames.canonical("Zoho")).contains("Zoho"); // two edits from Zoom: too far for a short name
        assertThat(ToolNames.canonical("   ")).isEmpty();
    }

    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource({"3,10,true", "2,10,false", "2,7,false", "3,7,true", "30,100,true", "29,100,false", "1,3,true", "0,0,false"})
    void thirtyPercentRule(int mentions, int respondents, boolean common) {
        assertThat(SurveyAnalysis.isCommon(mentions, respondents)).isEqualTo(common);
    }

    @Test
    void analysesACsvSurvey() {
        String csv = """
                respondent,daily_tools,renewal_integrations,evaluated_competitors
                r1,"Salesforce; Slack",Salesforce,yes
                r2,"salesforec, gsheets",,no
                r3,"SFDC; Slack; Notion","Slack",yes
                r4,Google Sheets,Google Sheets,no
                r5,"Slack",,no
                r6,Acme Tool,,no
                r7,Zendesk,,no
                r8,"",,no
                r9,Jira,Jira,yes
                r10,HubSpot,,no
                """;
        SurveyAnalysis.Result result = SurveyAnalysis.analyse(SurveyAnalysis.parseCsv(csv));

        assertThat(result.respondents()).isEqualTo(10);
        assertThat(result.common()).extracting(SurveyAnalysis.ToolScore::tool).containsExactly("Salesforce", "Slack");
        SurveyAnalysis.ToolScore salesforce = result.top10().get(0);
        assertThat(salesforce.tool()).isEqualTo("Salesforce");
        assertThat(salesforce.dailyUsers()).isEqualTo(3);
        // frequency 0.3 × impact (1 + 2 × 0.1 + 2/3) = 0.3 × 1.8667
        assertThat(salesforce.score()).isEqualByComparingTo("0.5600");
        assertThat(salesforce.feasibility()).isEqualTo(ToolNames.Feasibility.PUBLIC_API);
        assertThat(result.all()).filteredOn(t -> t.tool().equals("Acme Tool")).singleElement()
                .extracting(SurveyAnalysis.ToolScore::feasibility).isEqualTo(ToolNames.Feasibility.UNKNOWN);
        assertThat(result.top10()).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void refusesACsvWithoutTheNeededColumns() {
        assertThatThrownBy(() -> SurveyAnalysis.parseCsv("name,tools\nx,y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daily_tools");
    }
}
