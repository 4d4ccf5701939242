package dev.flywheel.partners;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of a deal registration: submitted → approved or rejected → (while protected) won or
 * lost, or expired when the protection window ends first. Only a won deal that was approved and
 * still protected when it closed pays commission.
 */
enum DealStatus {
    SUBMITTED, APPROVED, REJECTED, WON, LOST, EXPIRED;

    Set<DealStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(APPROVED, REJECTED);
            case APPROVED -> EnumSet.of(WON, LOST, EXPIRED);
            case REJECTED, WON, LOST, EXPIRED -> EnumSet.noneOf(DealStatus.class);
        };
    }

    boolean canMoveTo(DealStatus target) {
        return next().contains(target);
    }

    /** Open registrations still claim their domain. */
    boolean isOpen() {
        return this == SUBMITTED || this == APPROVED;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why this transition is not allowed, in words a person can act on. */
    String refusal(DealStatus target) {
        if (next().isEmpty()) {
            return "This registration is " + wire() + ", which is final; it cannot become " + target.wire() + ".";
        }
        return "A " + wire() + " registration cannot become " + target.wire() + "; it can only become "
                + String.join(" or ", next().stream().map(DealStatus::wire).toList()) + ".";
    }
}
