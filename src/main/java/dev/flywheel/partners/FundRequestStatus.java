package dev.flywheel.partners;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of a market development fund request: the partner requests money from its budget for
 * an activity → the owner approves (the money is reserved) or declines → the partner claims with
 * proof of the activity → the owner approves or rejects the claim → an approved claim is paid
 * through the ledger. Declined, rejected and paid are final.
 */
enum FundRequestStatus {
    REQUESTED, APPROVED, DECLINED, CLAIMED, CLAIM_APPROVED, CLAIM_REJECTED, PAID;

    Set<FundRequestStatus> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(APPROVED, DECLINED);
            case APPROVED -> EnumSet.of(CLAIMED);
            case CLAIMED -> EnumSet.of(CLAIM_APPROVED, CLAIM_REJECTED);
            case CLAIM_APPROVED -> EnumSet.of(PAID);
            case DECLINED, CLAIM_REJECTED, PAID -> EnumSet.noneOf(FundRequestStatus.class);
        };
    }

    boolean canMoveTo(FundRequestStatus target) {
        return next().contains(target);
    }

    /** Whether the request still draws on its budget (declined and rejected ones give the money back). */
    boolean drawsOnBudget() {
        return this != DECLINED && this != CLAIM_REJECTED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FundRequestStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Why this transition is not allowed, in words a person can act on. */
    String refusal(FundRequestStatus target) {
        if (next().isEmpty()) {
            return "This fund request is " + wire() + ", which is final; it cannot become " + target.wire() + ".";
        }
        return "A " + wire() + " fund request cannot become " + target.wire() + "; it can only become "
                + String.join(" or ", next().stream().map(FundRequestStatus::wire).toList()) + ".";
    }
}
