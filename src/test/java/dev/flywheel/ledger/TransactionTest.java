package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static Transaction.Entry e(String holder, String bucket, long amount, String currency) {
        return new Transaction.Entry(holder, bucket, Money.of(amount, currency));
    }

    private static Transaction tx(List<Transaction.Entry> entries) {
        return Transaction.of("ref-1", "test.posting", "test", Mode.LIVE, AT, entries);
    }

    @Test
    void acceptsEntriesThatSumToZero() {
        Transaction t = tx(List.of(e("owner", "expense", -1500, "USD"), e("prt_a", "pending", 1000, "USD"), e("prt_b", "pending", 500, "USD")));
        assertThat(t.currency()).isEqualTo("USD");
    }

    @Test
    void acceptsSeveralCurrenciesWhenEachBalances() {
        Transaction t = tx(List.of(e("owner", "cash", -1000, "USD"), e("owner", "fx", 1000, "USD"), e("owner", "fx", -920, "EUR"),
                e("owner", "cash", 920, "EUR")));
        assertThat(t.currency()).isNull();
    }

    @Test
    void refusesEntriesThatDoNotBalance() {
        assertThatThrownBy(() -> tx(List.of(e("owner", "expense", -1000, "USD"), e("prt_a", "pending", 999, "USD"))))
                .hasMessageContaining("sum to -1 instead of zero");
    }

    @Test
    void refusesBalancingAcrossCurrencies() {
        assertThatThrownBy(() -> tx(List.of(e("owner", "expense", -1000, "USD"), e("prt_a", "pending", 1000, "EUR"))))
                .hasMessageContaining("does not balance");
    }

    @Test
    void refusesASingleEntryAndZeroEntries() {
        assertThatThrownBy(() -> tx(List.of(e("owner", "expense", 0, "USD"), e("prt_a", "pending", 0, "USD"))))
                .hasMessageContaining("zero moves nothing");
        assertThatThrownBy(() -> tx(List.of(e("owner", "expense", 10, "USD")))).hasMessageContaining("at least two entries");
        assertThatThrownBy(() -> tx(List.of())).hasMessageContaining("at least two entries");
    }

    @Test
    void refusesOverflowInsteadOfWrappingAround() {
        assertThatThrownBy(() -> tx(List.of(e("a", "x", Long.MAX_VALUE, "USD"), e("b", "x", 1, "USD"), e("c", "x", Long.MIN_VALUE, "USD"))))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesUnknownCurrenciesAndBadNames() {
        assertThatThrownBy(() -> Money.of(100, "XYZ1")).hasMessageContaining("Unknown currency");
        assertThatThrownBy(() -> Money.of(100, "usd")).hasMessageContaining("Unknown currency");
        assertThatThrownBy(() -> e("", "pending", 1, "USD")).hasMessageContaining("holder id");
        assertThatThrownBy(() -> e("prt_a", "Pending Money", 1, "USD")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> Transaction.of(" ", "x", null, Mode.LIVE, AT, List.of())).hasMessageContaining("reference");
        assertThatThrownBy(() -> Transaction.of("r", "Bad Kind", null, Mode.LIVE, AT, List.of())).hasMessageContaining("kind");
    }

    @Test
    void exchangeRatesArePositiveIntoAKnownCurrency() {
        assertThat(new Transaction.ExchangeRate("USD", new BigDecimal("1.08")).rate()).isEqualByComparingTo("1.08");
        assertThatThrownBy(() -> new Transaction.ExchangeRate("USD", BigDecimal.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Transaction.ExchangeRate("US", BigDecimal.ONE)).hasMessageContaining("Unknown");
    }
}
