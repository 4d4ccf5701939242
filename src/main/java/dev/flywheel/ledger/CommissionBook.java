package dev.flywheel.ledger;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The commission lifecycle: each step is a conditional update of the commission's state and the
 * balanced postings for it, in one database transaction, so a step happens once or not at all
 * even when two nodes try it at the same moment.
 */
@Service
class CommissionBook {

    private final CommissionRepository commissions;
    private final Postman postman;
    private final LedgerProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CommissionBook(CommissionRepository commissions, Postman postman, LedgerProperties properties, TransactionTemplate transactions,
            Clock clock) {
        this.commissions = commissions;
        this.postman = postman;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional
    Commission earn(CommissionEarned e) {
        Optional<Commission> existing = commissions.findByReference(e.reference());
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean review = e.reviewReason() != null;
        Instant holdUntil = review ? null : e.occurredAt().plus(properties.holdPeriod());
        Commission c = new Commission(Ids.next("com"), e.reference(), e.holderId(), e.mode(), e.amount(), Money.zero(e.amount().currency()),
                review ? CommissionStatus.PENDING : CommissionStatus.HELD, holdUntil, e.reviewReason(), clock.instant());
        if (!commissions.insert(c, clock.instant())) {
            return commissions.findByReference(e.reference()).orElseThrow();
        }
        String what = e.description() == null ? "commission " + c.id() : e.description();
        postman.post(Transaction.of("commission.earned:" + c.id(), "commission.earned", what, e.mode(), e.occurredAt(),
                Postings.earn(e.holderId(), e.amount())));
        if (!review) {
            postman.post(Transaction.of("commission.held:" + c.id(), "commission.held", "held until " + holdUntil + ": " + what, e.mode(),
                    e.occurredAt(), Postings.move(e.holderId(), Buckets.PENDING, Buckets.HELD, e.amount())));
        }
        return commissions.find(c.id()).orElseThrow();
    }

    /** A reviewer clears a flagged commission (it is held from now) or rejects it (the money goes back). */
    @Transactional
    Commission review(String id, boolean approve, Instant now) {
        Commission c = commissions.find(id).orElseThrow(() -> new IllegalArgumentException("No commission " + id));
        CommissionStatus target = approve ? CommissionStatus.HELD : CommissionStatus.VOID;
        c.status().requireCanMoveTo(target);
        Instant holdUntil = approve ? now.plus(properties.holdPeriod()) : null;
        if (!commissions.transition(id, CommissionStatus.PENDING, target, holdUntil, now)) {
            throw new IllegalStateException("Commission " + id + " was reviewed by someone else a moment ago");
        }
        c = commissions.find(id).orElseThrow();
        if (c.remaining().amount() > 0) {
            List<Transaction.Entry> entries = approve ? Postings.move(c.holderId(), Buckets.PENDING, Buckets.HELD, c.remaining())
                    : Postings.voidPending(c);
            postman.post(Transaction.of("commission." + (approve ? "held" : "void") + ":" + id, "commission." + (approve ? "held" : "void"),
                    approve ? "cleared in review, held until " + holdUntil : "rejected in review", c.mode(), now, entries));
        }
        return commissions.find(id).orElseThrow();
    }

    /** Makes every held commission whose hold ended by {@code now} available; returns how many. */
    int releaseDue(Instant now) {
        int released = 0;
        List<String> due;
        do {
            due = commissions.heldDue(now, 200);
            for (String id : due) {
                Boolean done = transactions.execute(status -> release(id, now));
                if (Boolean.TRUE.equals(done)) {
                    released++;
                }
            }
        } while (due.size() == 200);
        return released;
    }

    private boolean release(String id, Instant now) {
        Commission c = commissions.find(id).orElseThrow();
        if (c.status() != CommissionStatus.HELD || !commissions.transition(id, CommissionStatus.HELD, CommissionStatus.AVAILABLE, null, now)) {
            return false; // another node released it first
        }
        c = commissions.find(id).orElseThrow(); // a clawback may have landed just before the transition
        if (c.remaining().amount() > 0) {
            postman.post(Transaction.of("commission.released:" + id, "commission.released", "hold ended " + c.holdUntil(), c.mode(),
                    c.holdUntil(), Postings.move(c.holderId(), Buckets.HELD, Buckets.AVAILABLE, c.remaining())));
        }
        return true;
    }

    /**
     * Takes {@code amount} of a commission back (a refund). Works in every state but void; after
     * payout the partner's available balance goes negative and is netted in the next payout.
     * Recording the same {@code reference} twice takes the money back once.
     */
    @Transactional
    Commission clawback(String commissionId, Money amount, String reference, String reason, Instant now) {
        if (postman.exists("clawback:" + reference)) {
            return commissions.find(commissionId).orElseThrow();
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Commission c = commissions.find(commissionId).orElseThrow(() -> new IllegalArgumentException("No commission " + commissionId));
            if (c.status() == CommissionStatus.VOID) {
                throw new IllegalStateException("Commission " + commissionId + " is void; there is nothing to claw back");
            }
            List<Transaction.Entry> entries = Postings.clawback(c, amount);
            if (commissions.clawBack(c.id(), c.status(), amount.amount(), now)) {
                boolean posted = postman.post(Transaction.of("clawback:" + reference, "clawback", reason, c.mode(), now, entries)).created();
                if (!posted) {
                    throw new IllegalStateException("Clawback " + reference + " was recorded concurrently; nothing was taken twice");
                }
                return commissions.find(c.id()).orElseThrow();
            }
            // The commission changed state (e.g. was released) between reading and updating: read again.
        }
        throw new IllegalStateException("Commission " + commissionId + " kept changing; try the clawback again");
    }
}
