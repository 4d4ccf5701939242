package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SaleSplitTest {

    private static final BigDecimal SEVENTY = new BigDecimal("0.70");

    @Test
    void theContributorKeepsSeventyPercentByDefaultSplit() {
        SaleSplit split = SaleSplit.of(Money.of(1900, "USD"), SEVENTY, false);

        assertThat(split.fee()).isEqualTo(Money.of(570, "USD"));
        assertThat(split.contributorShare()).isEqualTo(Money.of(1330, "USD"));
    }

    @Test
    void theFeeIsRoundedHalfEvenAndTheShareTakesTheRestSoNothingIsLost() {
        // 30% of 999 is 299.7 → 300; 30% of 5 is 1.5 → 2 (half to even); 30% of 15 is 4.5 → 4.
        assertThat(SaleSplit.of(Money.of(999, "USD"), SEVENTY, false).fee().amount()).isEqualTo(300);
        assertThat(SaleSplit.of(Money.of(5, "USD"), SEVENTY, false).fee().amount()).isEqualTo(2);
        assertThat(SaleSplit.of(Money.of(15, "USD"), SEVENTY, false).fee().amount()).isEqualTo(4);
        for (long price = 1; price < 2000; price += 7) {
            SaleSplit s = SaleSplit.of(Money.of(price, "EUR"), new BigDecimal("0.85"), false);
            assertThat(s.fee().plus(s.contributorShare())).isEqualTo(s.gmv());
            assertThat(s.fee().amount()).isNotNegative();
            assertThat(s.contributorShare().amount()).isNotNegative();
        }
    }

    @Test
    void theOwnersOwnTemplateLeavesTheWholePriceAsItsFee() {
        SaleSplit split = SaleSplit.of(Money.of(4900, "EUR"), SEVENTY, true);

        assertThat(split.fee()).isEqualTo(Money.of(4900, "EUR"));
        assertThat(split.contributorShare().amount()).isZero();
    }

    @Test
    void refusesFreeOrNegativePricesAndSharesOutsideZeroToOne() {
        assertThatThrownBy(() -> SaleSplit.of(Money.of(0, "USD"), SEVENTY, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaleSplit.of(Money.of(100, "USD"), new BigDecimal("1.2"), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
