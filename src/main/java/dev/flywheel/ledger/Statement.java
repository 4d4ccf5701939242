package dev.flywheel.ledger;

import dev.flywheel.platform.Money;
import java.time.Instant;
import java.util.List;

/**
 * A payee's statement for one month: balances at the start, every entry in the month, balances at
 * the end, and the payouts made. Opening plus the lines always equals closing.
 */
public record Statement(String holderId, String period, List<Balance> opening, List<Line> lines, List<Balance> closing,
        List<PayoutBatch.Payout> payouts) {

    public record Line(Instant occurredAt, String transactionId, String kind, String description, String bucket, Money amount) {
    }
}
