package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeeCalculatorTest {

    private static final long MILLION = 1_000_000_00L; // $1M in cents

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    private static FeeSchedule lifetimeZeroThenFifteen() {
        return new FeeSchedule("USD", new BigDecimal("0.30"), List.of(new FeeSchedule.Tier(MILLION, BigDecimal.ZERO),
                new FeeSchedule.Tier(null, new BigDecimal("0.15"))), List.of(), null);
    }

    private static FeeSchedule yearlyTwentyThenFifteen() {
        return new FeeSchedule("USD", new BigDecimal("0.30"), List.of(), List.of(new FeeSchedule.Tier(MILLION, new BigDecimal("0.20")),
                new FeeSchedule.Tier(null, new BigDecimal("0.15"))), null);
    }

    @Test
    void theDefaultIsASeventyThirtySplit() {
        FeeCalculator.Split split = FeeCalculator.split(FeeSchedule.flat("USD", new BigDecimal("0.30")), usd(10_000), usd(0), usd(0), false);
        assertThat(split.fee()).isEqualTo(usd(3_000));
        assertThat(split.partnerShare()).isEqualTo(usd(7_000));
        assertThat(split.gmv()).isEqualTo(usd(10_000));
    }

    @ParameterizedTest
    @CsvSource({
        // lifetime before, sale, expected fee (0% on the first $1M, 15% above)
        "0, 10000, 0",
        "99999000, 1000, 0",             // ends exactly at $1M
        "100000000, 10000, 1500",        // starts exactly at $1M
        "99995000, 10000, 750",          // $50 at 0%, $50 at 15%
        "500000000, 10000, 1500",
        "0, 200000000, 15000000"         // one $2M sale: $1M free, $1M at 15%
    })
    void lifetimeThresholdsSplitTheSaleThatCrossesThem(long before, long sale, long fee) {
        FeeCalculator.Split split = FeeCalculator.split(lifetimeZeroThenFifteen(), usd(sale), usd(before), usd(0), false);
        assertThat(split.fee().amount()).isEqualTo(fee);
        assertThat(split.fee().plus(split.partnerShare())).isEqualTo(usd(sale));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10000, 2000",
        "99990000, 20000, 3500",          // $100 at 20% + $100 at 15%
        "150000000, 10000, 1500"
    })
    void yearlyThresholdsUseTheSalesOfTheYearOnly(long yearBefore, long sale, long fee) {
        // A huge lifetime does not matter for yearly tiers.
        FeeCalculator.Split split = FeeCalculator.split(yearlyTwentyThenFifteen(), usd(sale), usd(50 * MILLION), usd(yearBefore), false);
        assertThat(split.fee().amount()).isEqualTo(fee);
    }

    @Test
    void aFirstYearRateBeatsEveryOtherBasisDuringTheFirstYearOnly() {
        FeeSchedule schedule = new FeeSchedule("USD", new BigDecimal("0.30"), List.of(), List.of(new FeeSchedule.Tier(MILLION,
                new BigDecimal("0.20")), new FeeSchedule.Tier(null, new BigDecimal("0.15"))), new BigDecimal("0.05"));
        assertThat(FeeCalculator.split(schedule, usd(10_000), usd(0), usd(0), true).fee()).isEqualTo(usd(500));
        assertThat(FeeCalculator.split(schedule, usd(10_000), usd(0), usd(0), false).fee()).isEqualTo(usd(2_000));
        assertThat(FeeCalculator.split(FeeSchedule.flat("USD", new BigDecimal("0.30")), usd(10_000), usd(0), usd(0), true).fee())
                .isEqualTo(usd(3_000));
    }

    @Test
    void roundingIsHalfEvenPerPortionAndNeverLosesACent() {
        FeeSchedule thirty = FeeSchedule.flat("USD", new BigDecimal("0.30"));
        assertThat(FeeCalculator.split(thirty, usd(5), usd(0), usd(0), false).fee()).isEqualTo(usd(2)); // 1.5 -> 2
        assertThat(FeeCalculator.split(FeeSchedule.flat("USD", new BigDecimal("0.5")), usd(5), usd(0), usd(0), false).fee())
                .isEqualTo(usd(2)); // 2.5 -> 2 (half even)
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long sale = 1 + random.nextInt(5_000_000);
            long before = random.nextInt(2) == 0 ? 0 : (long) (random.nextDouble() * 2 * MILLION);
            for (FeeSchedule s : List.of(thirty, lifetimeZeroThenFifteen(), yearlyTwentyThenFifteen())) {
                FeeCalculator.Split split = FeeCalculator.split(s, usd(sale), usd(before), usd(before), random.nextBoolean());
                assertThat(split.fee().plus(split.partnerShare())).isEqualTo(usd(sale));
                assertThat(split.fee().amount()).isBetween(0L, sale);
                assertThat(split.portions().stream().mapToLong(p -> p.amount().amount()).sum()).isEqualTo(sale);
            }
        }
    }

    @Test
    void zeroDecimalCurrenciesAndBadInput() {
        FeeCalculator.Split yen = FeeCalculator.split(FeeSchedule.flat("JPY", new BigDecimal("0.15")), Money.of(1001, "JPY"), Money.of(0, "JPY"),
                Money.of(0, "JPY"), false);
        assertThat(yen.fee()).isEqualTo(Money.of(150, "JPY")); // 150.15 -> 150
        assertThatThrownBy(() -> FeeCalculator.split(lifetimeZeroThenFifteen(), Money.of(100, "EUR"), Money.of(0, "EUR"), Money.of(0, "EUR"), false))
                .hasMessageContaining("tiers are in USD");
        assertThatThrownBy(() -> FeeCalculator.split(FeeSchedule.flat("USD", BigDecimal.ONE), usd(0), usd(0), usd(0), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSchedulesAreExplained() {
        assertThat(FeeSchedule.flat("USD", new BigDecimal("0.3")).problems()).isEmpty();
        assertThat(lifetimeZeroThenFifteen().problems()).isEmpty();
        assertThat(FeeSchedule.flat("USD", new BigDecimal("1.5")).problems()).anyMatch(p -> p.contains("between 0 and 1"));
        assertThat(new FeeSchedule("USD", new BigDecimal("0.3"), List.of(new FeeSchedule.Tier(null, BigDecimal.ZERO),
                new FeeSchedule.Tier(MILLION, BigDecimal.ONE)), List.of(), null).problems()).anyMatch(p -> p.contains("last tier"));
        assertThat(new FeeSchedule("USD", new BigDecimal("0.3"), List.of(new FeeSchedule.Tier(MILLION, BigDecimal.ZERO),
                new FeeSchedule.Tier(MILLION / 2, BigDecimal.ZERO), new FeeSchedule.Tier(null, BigDecimal.ONE)), List.of(), null).problems())
                .anyMatch(p -> p.contains("increase"));
        assertThat(new FeeSchedule("USD", new BigDecimal("0.3"), lifetimeZeroThenFifteen().lifetimeTiers(),
                yearlyTwentyThenFifteen().yearlyTiers(), null).problems()).anyMatch(p -> p.contains("not both"));
        assertThat(FeeSchedule.flat("XYZ", BigDecimal.ZERO).problems()).anyMatch(p -> p.contains("currency"));
    }
}
