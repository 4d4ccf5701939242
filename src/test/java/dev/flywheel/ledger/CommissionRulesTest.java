package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommissionRulesTest {

    private static Commission commission(CommissionStatus status, long amount, long clawedBack) {
        return new Commission("com_1", "ref", "prt_a", Mode.LIVE, Money.of(amount, "USD"), Money.of(clawedBack, "USD"), status, null, null,
                Instant.EPOCH);
    }

    @Test
    void theLifecycleOnlyMovesForward() {
        assertThat(CommissionStatus.PENDING.next()).containsExactlyInAnyOrder(CommissionStatus.HELD, CommissionStatus.VOID);
        assertThat(CommissionStatus.HELD.next()).containsExactly(CommissionStatus.AVAILABLE);
        assertThat(CommissionStatus.AVAILABLE.next()).containsExactly(CommissionStatus.PAID);
        assertThat(CommissionStatus.PAID.next()).isEmpty();
        assertThat(CommissionStatus.VOID.next()).isEmpty();
        assertThatThrownBy(() -> CommissionStatus.PAID.requireCanMoveTo(CommissionStatus.AVAILABLE)).hasMessageContaining("final");
        assertThatThrownBy(() -> CommissionStatus.HELD.requireCanMoveTo(CommissionStatus.PAID))
                .hasMessageContaining("can only become [available]");
    }

    @ParameterizedTest
    @EnumSource(value = CommissionStatus.class, names = {"PENDING", "HELD", "AVAILABLE", "PAID"})
    void aClawbackTakesFromWhereTheMoneySitsAndBalances(CommissionStatus status) {
        List<Transaction.Entry> entries = Postings.clawback(commission(status, 10_000, 0), Money.of(2_500, "USD"));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).bucket()).isEqualTo(status == CommissionStatus.PAID ? "available" : status.bucket());
        assertThat(entries.stream().mapToLong(e -> e.amount().amount()).sum()).isZero();
    }

    @Test
    void aClawbackCannotTakeMoreThanIsLeft() {
        assertThatThrownBy(() -> Postings.clawback(commission(CommissionStatus.HELD, 10_000, 8_000), Money.of(2_001, "USD")))
                .hasMessageContaining("more than the 20.00 USD left");
        assertThat(Postings.clawback(commission(CommissionStatus.HELD, 10_000, 8_000), Money.of(2_000, "USD"))).hasSize(2);
        assertThatThrownBy(() -> Postings.clawback(commission(CommissionStatus.HELD, 10_000, 0), Money.of(-5, "USD")))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Postings.clawback(commission(CommissionStatus.VOID, 10_000, 0), Money.of(5, "USD")))
                .hasMessageContaining("void");
    }

    @Test
    void earningAndMovingBalance() {
        assertThat(Postings.earn("prt_a", Money.of(1, "JPY")).stream().mapToLong(e -> e.amount().amount()).sum()).isZero();
        assertThatThrownBy(() -> Postings.earn("prt_a", Money.of(0, "USD"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> Postings.move("prt_a", "held", "available", Money.of(-1, "USD"))).hasMessageContaining("positive");
    }

    @Test
    void aPayoutNeedsATaxProfileAndTheMinimum() {
        PayoutProfile profile = new PayoutProfile("prt_a", PayoutProfile.TaxForm.W9, "A", "US", "fp", "1234", Instant.EPOCH);
        BigDecimal fifty = new BigDecimal("50");
        assertThat(PayoutRule.decide(Money.of(5_000, "USD"), fifty, profile).pay()).isTrue();
        assertThat(PayoutRule.decide(Money.of(4_999, "USD"), fifty, profile).reason()).contains("below the minimum payout of 50.00 USD");
        assertThat(PayoutRule.decide(Money.of(50, "JPY"), fifty, profile).pay()).isTrue();
        assertThat(PayoutRule.decide(Money.of(49, "JPY"), fifty, profile).pay()).isFalse();
        assertThat(PayoutRule.decide(Money.of(50_000, "KWD"), fifty, profile).pay()).isTrue(); // 3 decimals: 50.000 KWD
        assertThat(PayoutRule.decide(Money.of(49_999, "KWD"), fifty, profile).pay()).isFalse();
        assertThat(PayoutRule.decide(Money.of(1_000_000, "USD"), fifty, null).reason()).contains("no tax profile");
        assertThat(PayoutRule.decide(Money.of(-100, "USD"), fifty, profile).reason()).contains("nothing available");
        assertThat(PayoutRule.decide(Money.of(0, "USD"), fifty, profile).pay()).isFalse();
    }
}
