package dev.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void roundsHalfEvenToTheMinorUnit() {
        assertThat(Money.of(25, "USD").times(new BigDecimal("0.5")).amount()).isEqualTo(12); // 12.5 -> 12
        assertThat(Money.of(35, "USD").times(new BigDecimal("0.5")).amount()).isEqualTo(18); // 17.5 -> 18
        assertThat(Money.of(1_000_000, "EUR").times(new BigDecimal("0.15")).amount()).isEqualTo(150_000);
    }

    @Test
    void refusesUnknownCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "XYZ")).hasMessageContaining("Unknown currency 'XYZ'");
        assertThatThrownBy(() -> Money.of(1, "usd")).hasMessageContaining("ISO 4217");
    }

    @Test
    void neverCombinesCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "EUR"))).hasMessageContaining("USD with EUR");
    }

    @Test
    void printsInMajorUnitsPerCurrency() {
        assertThat(Money.of(12_000_000, "USD").toDecimalString()).isEqualTo("120000.00");
        assertThat(Money.of(500, "JPY").toDecimalString()).isEqualTo("500");
        assertThat(Money.of(-1, "USD").negate().plus(Money.of(2, "USD")).amount()).isEqualTo(3);
    }

    @Test
    void detectsOverflowInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "USD").plus(Money.of(1, "USD"))).isInstanceOf(ArithmeticException.class);
    }
}
