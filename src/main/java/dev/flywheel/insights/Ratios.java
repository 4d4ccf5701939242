package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Ratios as the API shows them: decimals with four places, HALF_EVEN; null when the base is zero. */
final class Ratios {

    static final int SCALE = 4;

    private Ratios() {
    }

    static BigDecimal of(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
