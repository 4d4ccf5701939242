package dev.flywheel.ledger;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.util.Currency;

/** Whether a payee's available balance is paid in a batch, and if not, why. A pure rule. */
final class PayoutRule {

    record Decision(boolean pay, String reason) {
    }

    private PayoutRule() {
    }

    static Decision decide(Money available, BigDecimal minimumMajorUnits, PayoutProfile profile) {
        Money minimum = minimum(available.currency(), minimumMajorUnits);
        if (available.amount() <= 0) {
            return new Decision(false, "nothing available (" + available + ")");
        }
        if (profile == null) {
            return new Decision(false, "no tax profile: a W-9 or W-8BEN and a payout account are required before paying");
        }
        if (available.amount() < minimum.amount()) {
            return new Decision(false, "below the minimum payout of " + minimum + "; carried over to the next batch");
        }
        return new Decision(true, null);
    }

    /** The minimum in minor units of a currency, e.g. 50 USD = 5000, 50 JPY = 50. */
    static Money minimum(String currency, BigDecimal majorUnits) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return Money.of(majorUnits.movePointRight(digits).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact(), currency);
    }
}
