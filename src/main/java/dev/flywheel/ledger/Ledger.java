package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's API for other modules: post balanced transactions (e.g. marketplace revenue
 * share), record commissions and clawbacks, read balances and statements, run payouts.
 *
 * <p>Stability: the methods here are the module's contract; everything else in the package may change.
 */
@Service
public class Ledger {

    /** An amount that belongs to one holder (a partner, a contributor). */
    public record HolderTotal(String holderId, Money amount) {
    }

    /** The outcome of a posting: the transaction's id, and false if the reference was posted before. */
    public record Posted(String transactionId, boolean created) {
    }

    private final Postman postman;
    private final LedgerRepository repository;
    private final CommissionBook book;
    private final CommissionRepository commissions;
    private final PayoutRun payoutRun;
    private final PayoutRepository payouts;
    private final LedgerProperties properties;
    private final Clock clock;

    Ledger(Postman postman, LedgerRepository repository, CommissionBook book, CommissionRepository commissions, PayoutRun payoutRun,
            PayoutRepository payouts, LedgerProperties properties, Clock clock) {
        this.postman = postman;
        this.repository = repository;
        this.book = book;
        this.commissions = commissions;
        this.payoutRun = payoutRun;
        this.payouts = payouts;
        this.properties = properties;
        this.clock = clock;
    }

    /** Posts a balanced transaction once per reference (a repeat returns the first one's id). */
    @Transactional
    public Posted post(Transaction transaction) {
        Postman.Posted p = postman.post(transaction);
        return new Posted(p.transactionId(), p.created());
    }

    /** Posts the exact opposite of a transaction; a transaction can be reversed once. Commission steps are corrected by clawbacks instead. */
    @Transactional
    public Posted reverse(String transactionId, String reason) {
        LedgerRepository.StoredTransaction original = repository.find(transactionId)
                .orElseThrow(() -> new IllegalArgumentException("No ledger transaction " + transactionId));
        if (original.kind().startsWith("commission.") || original.kind().equals("payout") || original.kind().equals("clawback")) {
            throw new IllegalStateException("A " + original.kind() + " transaction follows the commission lifecycle; correct it with a clawback, not a reversal");
        }
        if (original.reverses() != null) {
            throw new IllegalStateException("Transaction " + transactionId + " is itself a reversal; post a new transaction instead");
        }
        List<Transaction.Entry> opposite = repository.entriesOf(transactionId).stream()
                .map(e -> new Transaction.Entry(e.holderId(), e.bucket(), e.amount().negate())).toList();
        Postman.Posted p = postman.post(Transaction.of("reversal:" + transactionId, "reversal", reason, original.mode(), clock.instant(), opposite),
                transactionId);
        return new Posted(p.transactionId(), p.created());
    }

    /** A holder's balances by bucket and currency in a mode (a partner's: pending, held, available, paid). */
    public List<Balance> balances(String holderId, Mode mode) {
        return repository.balances(holderId, mode).stream().map(b -> new Balance(b.bucket(), Money.of(b.amount(), b.currency()))).toList();
    }

    /** Records an earned commission: held for the hold period, or pending review when flagged. */
    public Commission recordCommission(CommissionEarned earned) {
        return book.earn(earned);
    }

    public Optional<Commission> commission(String id) {
        return commissions.find(id);
    }

    public Optional<Commission> commissionByReference(String reference) {
        return commissions.findByReference(reference);
    }

    /** Commissions earned per payee and currency, net of clawbacks (void ones left out): what the program has paid or owes partners. */
    public List<HolderTotal> commissionTotals(Mode mode) {
        return commissions.totalsByHolder(mode);
    }

    public CursorPage<Commission> commissions(String holderId, Mode mode, PageQuery query) {
        return commissions.page(holderId, mode, query);
    }

    /** Clears (held from now) or rejects (money back to the owner) a commission pending review. */
    public Commission reviewCommission(String commissionId, boolean approve) {
        return book.review(commissionId, approve, clock.instant());
    }

    /** Makes held commissions whose hold ended by {@code now} available. Safe to run on every node at once. */
    public int releaseDue(Instant now) {
        return book.releaseDue(now);
    }

    /** Takes back part or all of a commission (a refund); once per {@code reference}. */
    public Commission clawback(String commissionId, Money amount, String reference, String reason) {
        return book.clawback(commissionId, amount, reference, reason, clock.instant());
    }

    /** Runs (or returns the finished) payout batch of a month. Running it twice pays once. */
    public PayoutBatch runPayoutBatch(YearMonth period) {
        return payoutRun.run(period.toString(), clock.instant(), PayoutRun.NODE);
    }

    public Optional<PayoutBatch> payoutBatch(YearMonth period) {
        return payouts.findByPeriod(period.toString());
    }

    public Optional<PayoutBatch> payoutBatch(String id) {
        return payouts.find(id);
    }

    public List<PayoutBatch> recentPayoutBatches(int limit) {
        return payouts.recent(limit);
    }

    public Optional<PayoutProfile> payoutProfile(String holderId) {
        return payouts.profile(holderId);
    }

    /** Saves the payee's tax form and payout account; only a fingerprint and the last four characters of the account are kept. */
    @Transactional
    public PayoutProfile savePayoutProfile(String holderId, PayoutProfile.TaxForm form, String legalName, String country, String account) {
        String normalized = account.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        PayoutProfile profile = new PayoutProfile(holderId, form, legalName.trim(), country.toUpperCase(Locale.ROOT),
                Secrets.sha256Hex("payout-account:" + normalized), normalized.substring(Math.max(0, normalized.length() - 4)), clock.instant());
        payouts.saveProfile(profile);
        return profile;
    }

    /** Other payees whose payout account is the same as this one's (a fraud signal). */
    public List<String> holdersSharingPayoutAccount(String holderId) {
        return payouts.profile(holderId).map(p -> payouts.holdersWithFingerprint(p.accountFingerprint()).stream()
                .filter(h -> !h.equals(holderId)).toList()).orElse(List.of());
    }

    /** A holder's entries, newest first. */
    public CursorPage<LedgerEntry> entries(String holderId, Mode mode, PageQuery query) {
        return repository.entries(holderId, mode, query)
                .map(e -> new LedgerEntry(e.id(), e.transactionId(), e.holderId(), e.bucket(), e.amount(), e.occurredAt()));
    }

    public List<PayoutBatch.Payout> payoutsOf(String holderId, int limit) {
        return payouts.payoutsOf(holderId, limit);
    }

    /** Records {@code 1 base = rate quote} from {@code effectiveAt}; postings after it capture this rate. */
    public void recordExchangeRate(String base, String quote, BigDecimal rate, Instant effectiveAt) {
        if (!Money.isKnownCurrency(base) || !Money.isKnownCurrency(quote)) {
            throw new IllegalArgumentException("Exchange rates are between ISO 4217 currencies");
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("An exchange rate must be positive");
        }
        repository.insertRate(base, quote, rate, effectiveAt, clock.instant());
    }

    /** The rate into the reporting currency in force at {@code at}, if one is known (1 for the reporting currency itself). */
    public Optional<BigDecimal> exchangeRate(String currency, Instant at) {
        if (currency.equals(properties.reportingCurrency())) {
            return Optional.of(BigDecimal.ONE);
        }
        return repository.rate(currency, properties.reportingCurrency(), at);
    }

    public String reportingCurrency() {
        return properties.reportingCurrency();
    }

    /** The payee's statement of a month (UTC): opening balances, every entry, closing balances, payouts. */
    public Statement statement(String holderId, Mode mode, YearMonth period) {
        Instant from = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<Balance> opening = repository.balancesBefore(holderId, mode, from).stream()
                .map(b -> new Balance(b.bucket(), Money.of(b.amount(), b.currency()))).toList();
        List<Balance> closing = repository.balancesBefore(holderId, mode, to).stream()
                .map(b -> new Balance(b.bucket(), Money.of(b.amount(), b.currency()))).toList();
        List<Statement.Line> lines = new ArrayList<>();
        for (LedgerRepository.StoredEntry e : repository.entriesBetween(holderId, mode, from, to)) {
            LedgerRepository.StoredTransaction tx = repository.find(e.transactionId()).orElseThrow();
            lines.add(new Statement.Line(e.occurredAt(), tx.id(), tx.kind(), tx.description(), e.bucket(), e.amount()));
        }
        List<PayoutBatch.Payout> paid = payouts.payoutsOf(holderId, 500).stream()
                .filter(p -> p.paid() && !p.createdAt().isBefore(from) && p.createdAt().isBefore(to)).toList();
        return new Statement(holderId, period.toString(), opening, lines, closing, paid);
    }

    /** Sum of all entries per currency; every figure is zero while the books balance. */
    public List<Money> trialBalance() {
        return repository.trialBalance().stream().map(b -> Money.of(b.amount(), b.currency())).toList();
    }
}
