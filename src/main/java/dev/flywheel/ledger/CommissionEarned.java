package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.time.Instant;

/**
 * A commission to record: a partner earned {@code amount} at {@code occurredAt}.
 *
 * @param reference the source's id for it; recording the same reference twice records it once
 * @param reviewReason non-null when a rule flagged it: it stays pending until reviewed
 */
public record CommissionEarned(String reference, String holderId, Mode mode, Money amount, String description, Instant occurredAt,
        String reviewReason) {

    public CommissionEarned {
        if (amount == null || amount.amount() <= 0) {
            throw new IllegalArgumentException("A commission must be a positive amount");
        }
    }
}
