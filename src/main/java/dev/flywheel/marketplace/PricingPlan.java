package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import java.util.Locale;

/**
 * One way to pay for an app.
 *
 * @param price per month for {@link Kind#FLAT_MONTHLY}, per seat and month for {@link Kind#PER_SEAT},
 *        zero for {@link Kind#FREE}
 */
public record PricingPlan(String name, Kind kind, Money price) {

    public enum Kind {
        FREE, FLAT_MONTHLY, PER_SEAT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What one month of this plan costs an account with {@code seats} seats. */
    public Money monthlyCharge(int seats) {
        return switch (kind) {
            case FREE -> Money.zero(price.currency());
            case FLAT_MONTHLY -> price;
            case PER_SEAT -> new Money(Math.multiplyExact(price.amount(), (long) seats), price.currency());
        };
    }
}
