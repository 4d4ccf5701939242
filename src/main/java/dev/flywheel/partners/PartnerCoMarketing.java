package dev.flywheel.partners;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Transaction;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Co-marketing with partners: the assets made together (case studies, webinars, landing pages,
 * joint listings) and market development funds — a quarterly budget per partner, requests against
 * it, claims with proof, and payment through the ledger.
 */
@Service
class PartnerCoMarketing {

    /** The ledger accounts a fund payment moves money between. */
    static final String MDF_EXPENSE = "mdf_expense";
    static final String MDF_RECEIVED = "mdf_received";

    enum AssetKind {
        CASE_STUDY, WEBINAR, LANDING_PAGE, JOINT_LISTING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return switch (this) {
                case CASE_STUDY -> "Case study";
                case WEBINAR -> "Webinar";
                case LANDING_PAGE -> "Landing page";
                case JOINT_LISTING -> "Joint listing";
            };
        }
    }

    record Asset(String id, String partnerId, AssetKind kind, String title, String url, LocalDate liveOn, String createdBy, Instant createdAt) {

        public boolean live(LocalDate today) {
            return liveOn != null && !liveOn.isAfter(today);
        }
    }

    record Budget(String id, String partnerId, String period, Money amount, String updatedBy, Instant updatedAt) {
    }

    /** A budget with what its requests draw on it. */
    record BudgetUse(Budget budget, Money committed, Money paid, Money remaining) {
    }

    record FundRequest(String id, String partnerId, String budgetId, String period, String activity, Money amount, FundRequestStatus status,
            Money claimedAmount, String proofUrl, String claimNote, String decidedBy, String decisionReason, String ledgerTransactionId,
            Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    PartnerCoMarketing(JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    // ---- assets

    Asset addAsset(String partnerId, AssetKind kind, String title, String url, LocalDate liveOn, String by) {
        if (kind == null) {
            throw ApiException.invalid("kind", "must be case_study, webinar, landing_page or joint_listing");
        }
        if (title == null || title.isBlank() || title.length() > 200) {
            throw ApiException.invalid("title", "is required, up to 200 characters");
        }
        String checkedUrl = url == null || url.isBlank() ? null : requireWebUrl(url, "url");
        if (liveOn != null && liveOn.isAfter(today().plusYears(2))) {
            throw ApiException.invalid("live_on", "must be within two years from today");
        }
        Asset asset = new Asset(Ids.next("cma"), partnerId, kind, title.trim(), checkedUrl, liveOn, by, clock.instant());
        jdbc.sql("""
                insert into partner_assets (id, partner_id, kind, title, url, live_on, created_by, created_at)
                values (:id, :partner, :kind, :title, :url, :liveOn, :by, :now)""")
                .param("id", asset.id()).param("partner", partnerId).param("kind", kind.wire()).param("title", asset.title())
                .param("url", checkedUrl).param("liveOn", liveOn).param("by", by).param("now", Sql.at(asset.createdAt())).update();
        return asset;
    }

    CursorPage<Asset> assets(String partnerId, PageQuery query) {
        List<Asset> rows = jdbc.sql("""
                select * from partner_assets where (cast(:partner as varchar) is null or partner_id = :partner)
                and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("partner", partnerId).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query((rs, n) -> asset(rs)).list();
        return CursorPage.of(rows, query, Asset::id);
    }

    // ---- budgets

    /** Sets (or changes) a partner's budget for a quarter; it cannot go below what approved requests already draw on it. */
    @Transactional
    Budget setBudget(String partnerId, String period, Money amount, String by) {
        requireQuarter(period);
        if (amount.amount() < 0) {
            throw ApiException.invalid("amount", "must be zero or more");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into fund_budgets (id, partner_id, period, amount, currency, updated_by, updated_at)
                values (:id, :partner, :period, 0, :currency, :by, :now) on conflict do nothing""")
                .param("id", Ids.next("mdb")).param("partner", partnerId).param("period", period).param("currency", amount.currency())
                .param("by", by).param("now", Sql.at(now)).update();
        Budget budget = lockBudget(partnerId, period, amount.currency()).orElseThrow();
        long committed = committed(budget.id());
        if (amount.amount() < committed) {
            throw ApiException.conflict("Requests already draw " + Money.of(committed, amount.currency()) + " on this budget; it cannot be set to "
                    + amount + ".");
        }
        jdbc.sql("update fund_budgets set amount = :amount, updated_by = :by, updated_at = :now where id = :id")
                .param("amount", amount.amount()).param("by", by).param("now", Sql.at(now)).param("id", budget.id()).update();
        return new Budget(budget.id(), partnerId, period, amount, by, now);
    }

    List<BudgetUse> budgets(String partnerId) {
        return jdbc.sql("select * from fund_budgets where partner_id = :partner order by period desc, currency limit 40").param("partner", partnerId)
                .query((rs, n) -> budget(rs)).list().stream().map(this::use).toList();
    }

    private BudgetUse use(Budget b) {
        String currency = b.amount().currency();
        long committed = committed(b.id());
        long paid = jdbc.sql("select coalesce(sum(coalesce(claimed_amount, amount)), 0) from fund_requests where budget_id = :b and status = 'paid'")
                .param("b", b.id()).query(Long.class).single();
        return new BudgetUse(b, Money.of(committed, currency), Money.of(paid, currency), Money.of(b.amount().amount() - committed, currency));
    }

    // ---- fund requests

    /** A partner asks for money from its budget of the quarter (in the budget's currency) for an activity. */
    @Transactional
    FundRequest request(String partnerId, String period, String activity, Money amount) {
        requireQuarter(period);
        if (activity == null || activity.isBlank() || activity.length() > 500) {
            throw ApiException.invalid("activity", "is required, up to 500 characters: what the money is for");
        }
        if (amount.amount() <= 0) {
            throw ApiException.invalid("amount", "must be greater than zero");
        }
        Budget budget = lockBudget(partnerId, period, amount.currency()).orElseThrow(() -> ApiException.unprocessable(
                "There is no " + amount.currency() + " market development budget for " + period + "; ask your partner manager for one."));
        long remaining = budget.amount().amount() - committed(budget.id());
        if (amount.amount() > remaining) {
            throw ApiException.unprocessable("The request of " + amount + " is more than the " + Money.of(remaining, amount.currency())
                    + " left in the " + period + " budget.");
        }
        Instant now = clock.instant();
        String id = Ids.next("mdf");
        jdbc.sql("""
                insert into fund_requests (id, partner_id, budget_id, activity, amount, currency, status, created_at, updated_at)
                values (:id, :partner, :budget, :activity, :amount, :currency, 'requested', :now, :now)""")
                .param("id", id).param("partner", partnerId).param("budget", budget.id()).param("activity", activity.trim())
                .param("amount", amount.amount()).param("currency", amount.currency()).param("now", Sql.at(now)).update();
        return find(id).orElseThrow();
    }

    FundRequest approve(String id, String by, String reason) {
        return decide(id, FundRequestStatus.REQUESTED, FundRequestStatus.APPROVED, by, reason);
    }

    FundRequest decline(String id, String by, String reason) {
        return decide(id, FundRequestStatus.REQUESTED, FundRequestStatus.DECLINED, by, reason);
    }

    /** The partner claims the money with proof of the activity; the claim may be less than approved, never more. */
    FundRequest claim(String id, String partnerId, String proofUrl, Money claimed, String note) {
        FundRequest r = find(id).filter(f -> f.partnerId().equals(partnerId)).orElseThrow(() -> ApiException.notFound("fund request", id));
        String proof = requireWebUrl(proofUrl, "proof_url");
        if (note != null && note.length() > 1000) {
            throw ApiException.invalid("note", "must be at most 1000 characters");
        }
        Money amount = claimed == null ? r.amount() : claimed;
        if (!amount.currency().equals(r.amount().currency())) {
            throw ApiException.invalid("amount.currency", "must be the request's currency, " + r.amount().currency());
        }
        if (amount.amount() <= 0 || amount.amount() > r.amount().amount()) {
            throw ApiException.invalid("amount", "must be more than zero and at most the approved " + r.amount());
        }
        requireCanMove(r, FundRequestStatus.CLAIMED);
        int updated = jdbc.sql("""
                update fund_requests set status = 'claimed', claimed_amount = :amount, proof_url = :proof, claim_note = :note, updated_at = :now
                where id = :id and status = 'approved'""")
                .param("amount", amount.amount()).param("proof", proof).param("note", note).param("now", Sql.at(clock.instant()))
                .param("id", id).update();
        return afterUpdate(id, updated, FundRequestStatus.CLAIMED);
    }

    FundRequest approveClaim(String id, String by, String reason) {
        return decide(id, FundRequestStatus.CLAIMED, FundRequestStatus.CLAIM_APPROVED, by, reason);
    }

    FundRequest rejectClaim(String id, String by, String reason) {
        return decide(id, FundRequestStatus.CLAIMED, FundRequestStatus.CLAIM_REJECTED, by, reason);
    }

    /**
     * Pays an approved claim: a ledger transaction from the owner's market development expense to
     * the partner's received funds, once per request (the ledger reference is unique), and the
     * request becomes paid with the transaction's id.
     */
    @Transactional
    FundRequest pay(String id, String by) {
        FundRequest r = find(id).orElseThrow(() -> ApiException.notFound("fund request", id));
        requireCanMove(r, FundRequestStatus.PAID);
        Money amount = r.claimedAmount();
        Instant now = clock.instant();
        Ledger.Posted posted = ledger.post(Transaction.of("mdf.paid:" + r.id(), "mdf.paid", "Market development funds: " + shorten(r.activity()),
                Mode.LIVE, now, List.of(new Transaction.Entry(dev.flywheel.ledger.Buckets.OWNER_HOLDER, MDF_EXPENSE, amount.negate()),
                        new Transaction.Entry(r.partnerId(), MDF_RECEIVED, amount))));
        int updated = jdbc.sql("""
                update fund_requests set status = 'paid', ledger_transaction_id = :tx, decided_by = :by, updated_at = :now
                where id = :id and status = 'claim_approved'""")
                .param("tx", posted.transactionId()).param("by", by).param("now", Sql.at(now)).param("id", id).update();
        return afterUpdate(id, updated, FundRequestStatus.PAID);
    }

    Optional<FundRequest> find(String id) {
        return jdbc.sql("select r.*, b.period from fund_requests r join fund_budgets b on b.id = r.budget_id where r.id = :id").param("id", id)
                .query((rs, n) -> request(rs)).optional();
    }

    CursorPage<FundRequest> requests(String partnerId, FundRequestStatus status, PageQuery query) {
        List<FundRequest> rows = jdbc.sql("""
                select r.*, b.period from fund_requests r join fund_budgets b on b.id = r.budget_id
                where (cast(:partner as varchar) is null or r.partner_id = :partner) and (cast(:status as varchar) is null or r.status = :status)
                and (cast(:after as varchar) is null or r.id < :after) order by r.id desc limit :limit""")
                .param("partner", partnerId).param("status", status == null ? null : status.wire()).param("after", query.startingAfter())
                .param("limit", query.fetchSize()).query((rs, n) -> request(rs)).list();
        return CursorPage.of(rows, query, FundRequest::id);
    }

    private FundRequest decide(String id, FundRequestStatus from, FundRequestStatus to, String by, String reason) {
        if (reason != null && reason.length() > 1000) {
            throw ApiException.invalid("reason", "must be at most 1000 characters");
        }
        FundRequest r = find(id).orElseThrow(() -> ApiException.notFound("fund request", id));
        requireCanMove(r, to);
        int updated = jdbc.sql("""
                update fund_requests set status = :to, decided_by = :by, decision_reason = :reason, updated_at = :now
                where id = :id and status = :from""")
                .param("to", to.wire()).param("by", by).param("reason", reason).param("now", Sql.at(clock.instant())).param("id", id)
                .param("from", from.wire()).update();
        return afterUpdate(id, updated, to);
    }

    /** One of two people acting at once wins; the other is told who did what. */
    private FundRequest afterUpdate(String id, int updated, FundRequestStatus to) {
        FundRequest now = find(id).orElseThrow();
        if (updated == 0) {
            throw ApiException.conflict("This fund request became " + now.status().wire() + " in the meantime"
                    + (now.decidedBy() == null ? "" : " (by " + now.decidedBy() + ")") + "; it cannot become " + to.wire() + ".");
        }
        return now;
    }

    private static void requireCanMove(FundRequest r, FundRequestStatus to) {
        if (!r.status().canMoveTo(to)) {
            throw ApiException.conflict(r.status().refusal(to));
        }
    }

    private Optional<Budget> lockBudget(String partnerId, String period, String currency) {
        return jdbc.sql("select * from fund_budgets where partner_id = :partner and period = :period and currency = :currency for update")
                .param("partner", partnerId).param("period", period).param("currency", currency).query((rs, n) -> budget(rs)).optional();
    }

    private long committed(String budgetId) {
        return jdbc.sql("""
                select coalesce(sum(case when status in ('claimed', 'claim_approved', 'paid') then claimed_amount else amount end), 0)
                from fund_requests where budget_id = :b and status not in ('declined', 'claim_rejected')""")
                .param("b", budgetId).query(Long.class).single();
    }

    /** A calendar quarter such as 2026-Q4. */
    static void requireQuarter(String period) {
        if (period == null || !period.matches("20\\d{2}-Q[1-4]")) {
            throw ApiException.invalid("period", "must be a calendar quarter such as 2026-Q4");
        }
    }

    static String requireWebUrl(String url, String field) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw ApiException.invalid(field, "is required, a web address up to 2000 characters");
        }
        try {
            java.net.URI uri = java.net.URI.create(url.trim());
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw ApiException.invalid(field, "must be an http(s) address such as https://example.com/webinar");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "must be an http(s) address such as https://example.com/webinar");
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    private static String shorten(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    private static Asset asset(ResultSet rs) throws SQLException {
        return new Asset(rs.getString("id"), rs.getString("partner_id"), AssetKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("title"), rs.getString("url"), rs.getObject("live_on", LocalDate.class), rs.getString("created_by"),
                Sql.instant(rs, "created_at"));
    }

    private static Budget budget(ResultSet rs) throws SQLException {
        return new Budget(rs.getString("id"), rs.getString("partner_id"), rs.getString("period"),
                Money.of(rs.getLong("amount"), rs.getString("currency")), rs.getString("updated_by"), Sql.instant(rs, "updated_at"));
    }

    private static FundRequest request(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        long claimed = rs.getLong("claimed_amount");
        Money claimedAmount = rs.wasNull() ? null : Money.of(claimed, currency);
        return new FundRequest(rs.getString("id"), rs.getString("partner_id"), rs.getString("budget_id"), rs.getString("period"),
                rs.getString("activity"), Money.of(rs.getLong("amount"), currency), FundRequestStatus.fromWire(rs.getString("status")),
                claimedAmount, rs.getString("proof_url"), rs.getString("claim_note"), rs.getString("decided_by"), rs.getString("decision_reason"),
                rs.getString("ledger_transaction_id"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
