package dev.flywheel.partners;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;

/** Money as the API receives it: {@code {"amount": 12000000, "currency": "USD"}}, amount in minor units. */
record AmountBody(java.math.BigDecimal amount, String currency) {

    /** The money, or a field error naming what is wrong; {@code positive} also refuses zero. */
    static Money require(AmountBody body, String field, boolean positive) {
        if (body == null) {
            throw ApiException.invalid(field, "is required, e.g. {\"amount\": 12000000, \"currency\": \"USD\"} (minor units)");
        }
        if (body.currency() == null || !Money.isKnownCurrency(body.currency())) {
            throw ApiException.invalid(field + ".currency", "must be an ISO 4217 currency code in capitals, such as USD or EUR");
        }
        if (body.amount() == null) {
            throw ApiException.invalid(field + ".amount", "is required, in minor units (cents for USD)");
        }
        if (body.amount().signum() != 0 && body.amount().stripTrailingZeros().scale() > 0) {
            throw ApiException.invalid(field + ".amount", "must be a whole number of minor units (1250 for 12.50 USD)");
        }
        if (body.amount().signum() < 0 || (positive && body.amount().signum() == 0)) {
            throw ApiException.invalid(field + ".amount", "must be " + (positive ? "greater than zero" : "zero or more") + ", in minor units");
        }
        if (body.amount().compareTo(java.math.BigDecimal.valueOf(100_000_000_000_000L)) > 0) {
            throw ApiException.invalid(field + ".amount", "is larger than this server accepts (10^14 minor units)");
        }
        return Money.of(body.amount().longValueExact(), body.currency());
    }
}
