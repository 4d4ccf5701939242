package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.time.Instant;

/**
 * A commission's money as the ledger holds it.
 *
 * @param reference the id the source gave it (e.g. the partners module's commission id)
 * @param clawedBack how much of {@code amount} was taken back by refunds so far
 * @param holdUntil when a held commission becomes available
 */
public record Commission(String id, String reference, String holderId, Mode mode, Money amount, Money clawedBack,
        CommissionStatus status, Instant holdUntil, String reviewReason, Instant createdAt) {

    /** What is left of the commission after clawbacks. */
    public Money remaining() {
        return amount.minus(clawedBack);
    }
}
