package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One business event in the ledger, e.g. "commission earned on deal drg_…" or "payout of batch
 * 2026-11". Its entries move money between accounts (a holder and a bucket) and sum to zero in
 * every currency: nothing is created or lost, only moved.
 *
 * @param reference unique per business event; posting the same reference twice records it once
 * @param kind a short dotted name such as {@code revenue_share.earned}
 * @param rate the exchange rate into the reporting currency at the event, or null to let the
 *        ledger capture its current rate
 */
public record Transaction(String reference, String kind, String description, Mode mode, Instant occurredAt, List<Entry> entries,
        ExchangeRate rate) {

    /** Money moved into ({@code amount > 0}) or out of ({@code amount < 0}) one account. */
    public record Entry(String holderId, String bucket, Money amount) {

        public Entry {
            Objects.requireNonNull(amount, "amount");
            if (holderId == null || holderId.isBlank() || holderId.length() > 40) {
                throw new IllegalArgumentException("An entry needs a holder id of 1 to 40 characters");
            }
            if (bucket == null || !bucket.matches("[a-z][a-z0-9_]{0,39}")) {
                throw new IllegalArgumentException("An entry's bucket must be lower-case letters, digits and _ (got '" + bucket + "')");
            }
        }
    }

    /** {@code 1 unit of the transaction's currency = rate units of reportingCurrency}. */
    public record ExchangeRate(String reportingCurrency, BigDecimal rate) {

        public ExchangeRate {
            if (!Money.isKnownCurrency(reportingCurrency)) {
                throw new IllegalArgumentException("Unknown reporting currency '" + reportingCurrency + "'");
            }
            if (rate == null || rate.signum() <= 0) {
                throw new IllegalArgumentException("An exchange rate must be positive");
            }
        }
    }

    public Transaction {
        if (reference == null || reference.isBlank() || reference.length() > 200) {
            throw new IllegalArgumentException("A transaction needs a reference of 1 to 200 characters");
        }
        if (kind == null || !kind.matches("[a-z][a-z0-9_.]{0,39}")) {
            throw new IllegalArgumentException("A transaction kind is lower-case, e.g. revenue_share.earned (got '" + kind + "')");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(occurredAt, "occurredAt");
        entries = List.copyOf(entries);
        requireBalanced(entries);
    }

    public static Transaction of(String reference, String kind, String description, Mode mode, Instant occurredAt, List<Entry> entries) {
        return new Transaction(reference, kind, description, mode, occurredAt, entries, null);
    }

    /** The single currency of this transaction, or null when it moves several (e.g. a conversion). */
    public String currency() {
        String currency = entries.get(0).amount().currency();
        return entries.stream().allMatch(e -> e.amount().currency().equals(currency)) ? currency : null;
    }

    /** The rule that makes this double-entry: at least two non-zero entries, summing to zero per currency. */
    static void requireBalanced(List<Entry> entries) {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("A transaction needs at least two entries (money comes from somewhere and goes somewhere)");
        }
        Map<String, Long> sums = new TreeMap<>();
        for (Entry e : entries) {
            if (e.amount().amount() == 0) {
                throw new IllegalArgumentException("An entry of zero moves nothing; leave it out");
            }
            sums.merge(e.amount().currency(), e.amount().amount(), Math::addExact);
        }
        sums.forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalArgumentException("Entries in " + currency + " sum to " + sum + " instead of zero: the transaction does not balance");
            }
        });
    }
}
