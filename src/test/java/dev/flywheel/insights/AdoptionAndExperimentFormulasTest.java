package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdoptionAndExperimentFormulasTest {

    static Install install(String account, String integration, String from, String until) {
        return new Install(account, integration, null, Instant.parse(from + "T12:00:00Z"), until == null ? null : Instant.parse(until + "T12:00:00Z"));
    }

    @Test
    void depthCountsDistinctActiveIntegrations() {
        List<Install> installs = List.of(install("a", "slack", "2025-01-01", null), install("a", "slack", "2025-01-02", null),
                install("a", "jira", "2025-01-01", "2025-01-10"), install("b", "hubspot", "2025-02-01", null));
        Map<String, Integer> depth = Adoption.depthAt(installs, Instant.parse("2025-01-05T00:00:00Z"));
        assertThat(depth).containsEntry("a", 2).doesNotContainKey("b");
        assertThat(Adoption.depthAt(installs, Instant.parse("2025-01-10T12:00:00Z"))).as("uninstall instant excluded").containsEntry("a", 1);
    }

    @Test
    void activationRateAmongPayingCustomersPerMonth() {
        Map<String, long[]> monthEnds = new LinkedHashMap<>();
        monthEnds.put("a", new long[] {100, 100});
        monthEnds.put("b", new long[] {100, 0});
        monthEnds.put("c", new long[] {0, 100});
        monthEnds.put("d", new long[] {100, 100});
        List<Install> installs = List.of(install("a", "slack", "2025-01-03", null), install("c", "jira", "2025-02-03", null),
                install("d", "x", "2025-01-03", "2025-02-01"));
        List<Adoption.MonthActivation> months = Adoption.activation(YearMonth.of(2025, 1), YearMonth.of(2025, 2), monthEnds, installs);
        assertThat(months.get(0).payingCustomers()).isEqualTo(3);
        assertThat(months.get(0).activated()).isEqualTo(2);
        assertThat(months.get(0).rate()).isEqualByComparingTo("0.6667");
        assertThat(months.get(1).payingCustomers()).isEqualTo(3);
        assertThat(months.get(1).activated()).isEqualTo(2);
    }

    @Test
    void timeToFirstIntegrationAndIntegrationsPerCustomerBySignupCohort() {
        Map<String, LocalDate> signups = new LinkedHashMap<>();
        signups.put("a", LocalDate.parse("2025-01-01"));
        signups.put("b", LocalDate.parse("2025-01-15"));
        signups.put("c", LocalDate.parse("2025-01-20"));
        signups.put("d", LocalDate.parse("2025-01-31"));
        signups.put("e", LocalDate.parse("2025-02-02"));
        List<Install> installs = List.of(
                new Install("a", "slack", null, Instant.parse("2025-01-03T00:00:00Z"), null),   // 2 days
                new Install("a", "jira", null, Instant.parse("2025-01-20T00:00:00Z"), null),
                new Install("b", "slack", null, Instant.parse("2025-01-25T00:00:00Z"), null),   // 10 days
                new Install("c", "slack", null, Instant.parse("2025-01-10T00:00:00Z"), null),   // before signup: 0
                new Install("e", "slack", null, Instant.parse("2025-02-04T00:00:00Z"), Instant.parse("2025-02-05T00:00:00Z")));
        List<Adoption.CohortTiming> cohorts = Adoption.cohorts(signups, installs, YearMonth.of(2025, 1), YearMonth.of(2025, 2),
                Instant.parse("2025-03-01T00:00:00Z"));
        Adoption.CohortTiming jan = cohorts.get(0);
        assertThat(jan.accounts()).isEqualTo(4);
        assertThat(jan.integrated()).isEqualTo(3);
        assertThat(jan.medianDays()).isEqualByComparingTo("2");          // 0, 2, 10
        assertThat(jan.p75Days()).isEqualByComparingTo("6");             // 2 + 0.5 * (10 - 2)
        assertThat(jan.integrationsPerCustomer()).isEqualByComparingTo("1");  // (2 + 1 + 1 + 0) / 4
        Adoption.CohortTiming feb = cohorts.get(1);
        assertThat(feb.integrated()).isEqualTo(1);
        assertThat(feb.integrationsPerCustomer()).isEqualByComparingTo("0");
    }

    @Test
    void assignmentIsDeterministicAndNearTheShare() {
        int treated = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean t = ExperimentStats.inTreatment("exp_1", "acct-" + i, 0.5);
            assertThat(ExperimentStats.inTreatment("exp_1", "acct-" + i, 0.5)).isEqualTo(t);
            if (t) {
                treated++;
            }
        }
        assertThat(treated).isBetween(4800, 5200);
        assertThat(ExperimentStats.inTreatment("exp_1", "x", 0.0)).isFalse();
        assertThat(ExperimentStats.inTreatment("exp_1", "x", 1.0)).isTrue();
    }

    @Test
    void twoProportionZTestHandComputed() {
        // Control 100/1000 = 10%, treatment 130/1000 = 13%. Pooled p = 0.115, se = sqrt(.115*.885*.002) = 0.014267.
        // z = 0.03 / 0.014267 = 2.1027, two-sided p = 0.0355. Unpooled se = sqrt(.09/1000 + .1131/1000) = 0.014253,
        // 95% CI 0.03 +- 1.96 * 0.014253 = [0.00206, 0.05794]; relative lift 0.30, CI [0.0206, 0.5794].
        ExperimentStats.Result r = ExperimentStats.compare(1000, 100, 1000, 130);
        assertThat(r.difference()).isCloseTo(0.03, within(1e-12));
        assertThat(r.z()).isCloseTo(2.1027, within(1e-3));
        assertThat(r.pValue()).isCloseTo(0.0355, within(5e-4));
        assertThat(r.differenceLow()).isCloseTo(0.00206, within(1e-4));
        assertThat(r.differenceHigh()).isCloseTo(0.05794, within(1e-4));
        assertThat(r.relativeLift()).isCloseTo(0.30, within(1e-9));
        assertThat(r.significant()).isTrue();
    }

    @Test
    void noDifferenceIsNotSignificant() {
        ExperimentStats.Result r = ExperimentStats.compare(500, 50, 500, 50);
        assertThat(r.z()).isZero();
        assertThat(r.pValue()).isCloseTo(1.0, within(1e-6));
        assertThat(r.significant()).isFalse();
    }

    @Test
    void normalCdf() {
        assertThat(ExperimentStats.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(ExperimentStats.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(ExperimentStats.normalCdf(-1.644854)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void sampleSizeGuidance() {
        // Baseline 10%, detect +2 points: ((1.96*sqrt(2*.11*.89) + 0.8416*sqrt(.09+.1056))^2) / .0004 = 3839.
        assertThat(ExperimentStats.sampleSizePerArm(0.10, 0.02)).isBetween(3830L, 3845L);
        assertThat(ExperimentStats.sampleSizePerArm(0.10, 0.05)).isLessThan(ExperimentStats.sampleSizePerArm(0.10, 0.02));
        assertThatThrownBy(() -> ExperimentStats.sampleSizePerArm(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
