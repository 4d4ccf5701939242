package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DealRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void theLifecycleAllowsOnlyItsTransitions() {
        assertThat(DealStatus.SUBMITTED.next()).containsExactlyInAnyOrder(DealStatus.APPROVED, DealStatus.REJECTED);
        assertThat(DealStatus.APPROVED.next()).containsExactlyInAnyOrder(DealStatus.WON, DealStatus.LOST, DealStatus.EXPIRED);
        assertThat(DealStatus.SUBMITTED.canMoveTo(DealStatus.WON)).isFalse();
        assertThat(DealStatus.SUBMITTED.refusal(DealStatus.WON)).isEqualTo("A submitted registration cannot become won; it can only become approved or rejected.");
        assertThat(DealStatus.WON.refusal(DealStatus.LOST)).contains("final");
    }

    @ParameterizedTest
    @EnumSource(value = DealStatus.class, names = {"REJECTED", "WON", "LOST", "EXPIRED"})
    void finalStatesGoNowhere(DealStatus status) {
        assertThat(status.next()).isEmpty();
        assertThat(status.isOpen()).isFalse();
    }

    @Test
    void noConflictForAFreshDomain() {
        assertThat(ConflictDetector.detect("prt_a", "acme.com", List.of(), false, null, NOW)).isEmpty();
    }

    @Test
    void anotherPartnersProtectedRegistrationConflictsOnlyInsideItsWindow() {
        var inside = new ConflictDetector.Existing("drg_1", "prt_b", DealStatus.APPROVED, NOW.plusSeconds(1));
        var ended = new ConflictDetector.Existing("drg_2", "prt_b", DealStatus.APPROVED, NOW);
        assertThat(ConflictDetector.detect("prt_a", "acme.com", List.of(inside), false, null, NOW))
                .extracting(ConflictDetector.Conflict::reason, ConflictDetector.Conflict::registrationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConflictDetector.PROTECTED, "drg_1"));
        assertThat(ConflictDetector.detect("prt_a", "acme.com", List.of(ended), false, null, NOW)).isEmpty();
    }

    @Test
    void pendingRegistrationsAndOwnDuplicatesAndCustomersAndPipelineConflict() {
        var pending = new ConflictDetector.Existing("drg_1", "prt_b", DealStatus.SUBMITTED, null);
        var mine = new ConflictDetector.Existing("drg_2", "prt_a", DealStatus.SUBMITTED, null);
        assertThat(ConflictDetector.detect("prt_a", "acme.com", List.of(pending, mine), true, "opp_1", NOW))
                .extracting(ConflictDetector.Conflict::reason)
                .containsExactly(ConflictDetector.PENDING, ConflictDetector.DUPLICATE, ConflictDetector.CUSTOMER, ConflictDetector.OPPORTUNITY);
    }

    @Test
    void fraudRulesFlagSelfReferralAndSharedPayoutAccounts() {
        assertThat(FraudRules.check(new FraudRules.Facts("agency.com", "acme.com", "cto@acme.com", List.of()))).isEmpty();
        assertThat(FraudRules.check(new FraudRules.Facts("agency.com", "agency.com", "cto@acme.com", List.of())))
                .singleElement().asString().startsWith("self-referral");
        assertThat(FraudRules.check(new FraudRules.Facts("agency.com", "acme.com", "me@mail.agency.com", List.of())))
                .singleElement().asString().contains("own email domain");
        assertThat(FraudRules.check(new FraudRules.Facts(null, "acme.com", "cto@acme.com", List.of("prt_x"))))
                .singleElement().asString().contains("prt_x");
    }
}
