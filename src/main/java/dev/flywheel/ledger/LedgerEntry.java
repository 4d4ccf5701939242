package dev.flywheel.ledger;

import dev.flywheel.platform.Money;
import java.time.Instant;

/** One posted entry, as it may be shown. */
public record LedgerEntry(String id, String transactionId, String holderId, String bucket, Money amount, Instant occurredAt) {
}
