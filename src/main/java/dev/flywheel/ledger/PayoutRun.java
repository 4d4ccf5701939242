package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a monthly payout batch: one node claims it in the database, then each payee's available
 * balance per currency is paid (moved to {@code paid}) in its own transaction, guarded by the
 * unique reference {@code payout:<batch>:<payee>:<currency>}. Running the batch again, from the
 * same or another node, or resuming it after a crash, pays nobody twice.
 */
@Service
class PayoutRun {

    private static final Logger log = LoggerFactory.getLogger(PayoutRun.class);
    static final String NODE = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);

    private final PayoutRepository payouts;
    private final LedgerRepository ledger;
    private final CommissionRepository commissions;
    private final Postman postman;
    private final LedgerProperties properties;
    private final TransactionTemplate transactions;

    PayoutRun(PayoutRepository payouts, LedgerRepository ledger, CommissionRepository commissions, Postman postman,
            LedgerProperties properties, TransactionTemplate transactions) {
        this.payouts = payouts;
        this.ledger = ledger;
        this.commissions = commissions;
        this.postman = postman;
        this.properties = properties;
        this.transactions = transactions;
    }

    PayoutBatch run(String period, Instant now, String node) {
        PayoutBatch batch = payouts.batchFor(period, now);
        if (batch.status() == PayoutBatch.Status.COMPLETED) {
            return batch;
        }
        if (!payouts.claim(batch.id(), node, now, now.minus(properties.batchLease()))) {
            log.info("Payout batch {} ({}) is being run by another node", batch.id(), period);
            return payouts.find(batch.id()).orElseThrow();
        }
        int paid = 0;
        for (LedgerRepository.HolderSum row : ledger.positiveAvailable(Mode.LIVE)) {
            Boolean done = transactions.execute(status -> payOne(batch.id(), row.holderId(), row.currency(), now));
            if (Boolean.TRUE.equals(done)) {
                paid++;
            }
        }
        payouts.complete(batch.id(), node, now);
        log.info("Payout batch {} ({}) completed by {}: {} payouts", batch.id(), period, node, paid);
        return payouts.find(batch.id()).orElseThrow();
    }

    private boolean payOne(String batchId, String holder, String currency, Instant now) {
        // Read inside this transaction: the balance may have changed since the batch listed it.
        Money available = Money.of(ledger.available(holder, Mode.LIVE, currency), currency);
        PayoutProfile profile = payouts.profile(holder).orElse(null);
        PayoutRule.Decision decision = PayoutRule.decide(available, properties.minimumPayout(), profile);
        if (!decision.pay()) {
            payouts.insertPayout(batchId, holder, available, false, decision.reason(), null, profile, now);
            return false;
        }
        var settled = commissions.available(holder, Mode.LIVE, currency);
        Postman.Posted posted = postman.post(Transaction.of("payout:" + batchId + ":" + holder + ":" + currency, "payout",
                "payout batch " + batchId, Mode.LIVE, now, Postings.payout(holder, available)));
        if (!posted.created()) {
            return false; // this payee was paid in this batch already
        }
        if (!payouts.insertPayout(batchId, holder, available, true, null, posted.transactionId(), profile, now)) {
            throw new IllegalStateException("Payout row for " + holder + " " + currency + " exists without its posting");
        }
        for (String id : settled) {
            commissions.transition(id, CommissionStatus.AVAILABLE, CommissionStatus.PAID, null, now);
        }
        return true;
    }
}
