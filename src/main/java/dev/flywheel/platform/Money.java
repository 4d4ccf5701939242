package dev.flywheel.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in minor units (cents for USD, yen for JPY) of an ISO 4217 currency.
 *
 * <p>Never a {@code double}. Every multiplication by a rate goes through {@link #times(BigDecimal)},
 * the one place where Flywheel rounds money: to the currency's minor unit, {@code HALF_EVEN}
 * (banker's rounding), so rounding errors do not drift in one direction over many entries.
 */
public record Money(long amount, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!isKnownCurrency(currency)) {
            throw new IllegalArgumentException("Unknown currency '" + currency + "': use an ISO 4217 code such as USD or EUR");
        }
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public static boolean isKnownCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    /** This amount times a rate, rounded HALF_EVEN to whole minor units. */
    public Money times(BigDecimal rate) {
        BigDecimal exact = BigDecimal.valueOf(amount).multiply(rate);
        return new Money(exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact(), currency);
    }

    public boolean isNegative() {
        return amount < 0;
    }

    /** The amount in major units as a plain decimal string, e.g. {@code 120000.00}. */
    public String toDecimalString() {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(amount, digits).toPlainString();
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
    }
}
