package dev.flywheel.ledger;

import dev.flywheel.platform.Money;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A monthly payout batch and what it paid (or skipped, and why).
 *
 * @param period {@code YYYY-MM}; there is one batch per period, so running it again pays nobody twice
 */
public record PayoutBatch(String id, String period, Status status, Instant createdAt, Instant completedAt, List<Payout> payouts) {

    public enum Status {
        OPEN, RUNNING, COMPLETED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One payee's payout in one currency; {@code paid} false means skipped for {@code reason}. */
    public record Payout(String id, String holderId, Money amount, boolean paid, String reason, String transactionId, String taxForm,
            String accountLast4, Instant createdAt) {
    }
}
