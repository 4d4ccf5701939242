package dev.flywheel.ledger;

import dev.flywheel.platform.Money;
import java.util.List;

/**
 * The entries each commission event posts: pure functions of the commission and the amount, so
 * the money rules can be checked without a database (see the property tests).
 */
final class Postings {

    private Postings() {
    }

    /** A commission is earned: the owner's expense pays into the partner's pending bucket. */
    static List<Transaction.Entry> earn(String holderId, Money amount) {
        requirePositive(amount);
        return List.of(new Transaction.Entry(Buckets.OWNER_HOLDER, Buckets.COMMISSION_EXPENSE, amount.negate()),
                new Transaction.Entry(holderId, Buckets.PENDING, amount));
    }

    /** Money moves between two of a payee's buckets (pending → held → available → paid). */
    static List<Transaction.Entry> move(String holderId, String from, String to, Money amount) {
        requirePositive(amount);
        return List.of(new Transaction.Entry(holderId, from, amount.negate()), new Transaction.Entry(holderId, to, amount));
    }

    /**
     * A refund takes money back from wherever the commission sits now. After payout it comes out
     * of {@code available}, which may go negative and is netted against the next earnings.
     */
    static List<Transaction.Entry> clawback(Commission commission, Money amount) {
        requirePositive(amount);
        if (amount.amount() > commission.remaining().amount()) {
            throw new IllegalArgumentException("A clawback of " + amount + " is more than the " + commission.remaining()
                    + " left of commission " + commission.id());
        }
        String bucket = commission.status().bucket();
        return List.of(new Transaction.Entry(commission.holderId(), bucket, amount.negate()),
                new Transaction.Entry(Buckets.OWNER_HOLDER, Buckets.COMMISSION_EXPENSE, amount));
    }

    /** A rejected review gives the pending money back to the owner. */
    static List<Transaction.Entry> voidPending(Commission commission) {
        Money remaining = commission.remaining();
        requirePositive(remaining);
        return List.of(new Transaction.Entry(commission.holderId(), Buckets.PENDING, remaining.negate()),
                new Transaction.Entry(Buckets.OWNER_HOLDER, Buckets.COMMISSION_EXPENSE, remaining));
    }

    /** A payout moves the whole available balance to paid. */
    static List<Transaction.Entry> payout(String holderId, Money amount) {
        return move(holderId, Buckets.AVAILABLE, Buckets.PAID, amount);
    }

    private static void requirePositive(Money amount) {
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("Amount must be positive, got " + amount);
        }
    }
}
