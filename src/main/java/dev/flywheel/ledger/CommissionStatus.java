package dev.flywheel.ledger;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The money lifecycle of one commission. {@code pending}: recorded but waiting for a review (e.g.
 * a fraud rule flagged it); {@code held}: inside the refund window; {@code available}: payable in
 * the next payout batch; {@code paid}: included in a payout; {@code void}: rejected in review.
 */
public enum CommissionStatus {
    PENDING, HELD, AVAILABLE, PAID, VOID;

    /** The ledger bucket where this commission's remaining money sits. */
    public String bucket() {
        return switch (this) {
            case PENDING -> Buckets.PENDING;
            case HELD -> Buckets.HELD;
            case AVAILABLE, PAID -> Buckets.AVAILABLE; // a clawback after payout makes the available balance negative
            case VOID -> throw new IllegalStateException("A void commission holds no money");
        };
    }

    public Set<CommissionStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(HELD, VOID);
            case HELD -> EnumSet.of(AVAILABLE);
            case AVAILABLE -> EnumSet.of(PAID);
            case PAID, VOID -> EnumSet.noneOf(CommissionStatus.class);
        };
    }

    public boolean canMoveTo(CommissionStatus target) {
        return next().contains(target);
    }

    public void requireCanMoveTo(CommissionStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("A " + wire() + " commission cannot become " + target.wire()
                    + (next().isEmpty() ? " (it is final)" : "; it can only become " + next().stream().map(CommissionStatus::wire).toList()));
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
