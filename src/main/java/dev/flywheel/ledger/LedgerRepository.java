package dev.flywheel.ledger;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Transactions and entries: only inserts and reads. There is deliberately no update or delete here. */
@Repository
class LedgerRepository {

    record StoredTransaction(String id, String reference, String kind, String description, Mode mode, Instant occurredAt,
            Instant recordedAt, String reportingCurrency, BigDecimal exchangeRate, String reverses) {
    }

    record StoredEntry(String id, String transactionId, String holderId, String bucket, Mode mode, Money amount, Instant occurredAt) {
    }

    /** One bucket's balance in one currency. */
    record BucketSum(String bucket, String currency, long amount) {
    }

    /** One holder's balance of a bucket in one currency. */
    record HolderSum(String holderId, String currency, long amount) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LedgerRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Inserts the transaction unless its reference exists; true if this call inserted it. */
    boolean insertTransaction(String id, Transaction tx, Transaction.ExchangeRate rate, Instant recordedAt, String reverses) {
        return jdbc.sql("""
                insert into ledger_transactions (id, reference, kind, description, mode, occurred_at, recorded_at,
                    reporting_currency, exchange_rate, reverses)
                values (:id, :reference, :kind, :description, :mode, :occurredAt, :recordedAt, :reporting, :rate, :reverses)
                on conflict do nothing""")
                .param("id", id).param("reference", tx.reference()).param("kind", tx.kind())
                .param("description", cut(tx.description(), 500)).param("mode", tx.mode().wire())
                .param("occurredAt", Sql.at(tx.occurredAt())).param("recordedAt", Sql.at(recordedAt))
                .param("reporting", rate == null ? null : rate.reportingCurrency()).param("rate", rate == null ? null : rate.rate())
                .param("reverses", reverses)
                .update() == 1;
    }

    void insertEntries(String transactionId, Transaction tx) {
        List<Object[]> rows = new ArrayList<>();
        for (Transaction.Entry e : tx.entries()) {
            rows.add(new Object[] {Ids.next("len"), transactionId, e.holderId(), e.bucket(), tx.mode().wire(), e.amount().currency(),
                e.amount().amount(), Sql.at(tx.occurredAt())});
        }
        template.batchUpdate("""
                insert into ledger_entries (id, transaction_id, holder_id, bucket, mode, currency, amount, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    Optional<StoredTransaction> findByReference(String reference) {
        return jdbc.sql("select * from ledger_transactions where reference = :reference").param("reference", reference)
                .query(LedgerRepository::mapTransaction).optional();
    }

    Optional<StoredTransaction> find(String id) {
        return jdbc.sql("select * from ledger_transactions where id = :id").param("id", id).query(LedgerRepository::mapTransaction).optional();
    }

    List<StoredEntry> entriesOf(String transactionId) {
        return jdbc.sql("select * from ledger_entries where transaction_id = :id order by id").param("id", transactionId)
                .query(LedgerRepository::mapEntry).list();
    }

    List<BucketSum> balances(String holderId, Mode mode) {
        return jdbc.sql("""
                select bucket, currency, sum(amount) as total from ledger_entries
                where holder_id = :holder and mode = :mode group by bucket, currency order by currency, bucket""")
                .param("holder", holderId).param("mode", mode.wire())
                .query((rs, n) -> new BucketSum(rs.getString("bucket"), rs.getString("currency"), rs.getLong("total"))).list();
    }

    List<BucketSum> balancesBefore(String holderId, Mode mode, Instant before) {
        return jdbc.sql("""
                select bucket, currency, sum(amount) as total from ledger_entries
                where holder_id = :holder and mode = :mode and occurred_at < :before group by bucket, currency order by currency, bucket""")
                .param("holder", holderId).param("mode", mode.wire()).param("before", Sql.at(before))
                .query((rs, n) -> new BucketSum(rs.getString("bucket"), rs.getString("currency"), rs.getLong("total"))).list();
    }

    List<StoredEntry> entriesBetween(String holderId, Mode mode, Instant from, Instant to) {
        return jdbc.sql("""
                select * from ledger_entries where holder_id = :holder and mode = :mode and occurred_at >= :from and occurred_at < :to
                order by occurred_at, id""")
                .param("holder", holderId).param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query(LedgerRepository::mapEntry).list();
    }

    CursorPage<StoredEntry> entries(String holderId, Mode mode, PageQuery query) {
        List<StoredEntry> rows = jdbc.sql("""
                select * from ledger_entries where holder_id = :holder and mode = :mode
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("holder", holderId).param("mode", mode.wire()).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(LedgerRepository::mapEntry).list();
        return CursorPage.of(rows, query, StoredEntry::id);
    }

    /** Every payee's positive available balance per currency in a mode: who a payout batch looks at. */
    List<HolderSum> positiveAvailable(Mode mode) {
        return jdbc.sql("""
                select holder_id, currency, sum(amount) as total from ledger_entries
                where bucket = 'available' and mode = :mode and holder_id <> 'owner'
                group by holder_id, currency having sum(amount) > 0 order by holder_id, currency""")
                .param("mode", mode.wire())
                .query((rs, n) -> new HolderSum(rs.getString("holder_id"), rs.getString("currency"), rs.getLong("total"))).list();
    }

    long available(String holderId, Mode mode, String currency) {
        return jdbc.sql("""
                select coalesce(sum(amount), 0) from ledger_entries
                where holder_id = :holder and mode = :mode and bucket = 'available' and currency = :currency""")
                .param("holder", holderId).param("mode", mode.wire()).param("currency", currency).query(Long.class).single();
    }

    /** Sum of every entry per currency: zero for each currency whenever the books balance. */
    List<BucketSum> trialBalance() {
        return jdbc.sql("select currency, sum(amount) as total from ledger_entries group by currency order by currency")
                .query((rs, n) -> new BucketSum("all", rs.getString("currency"), rs.getLong("total"))).list();
    }

    Optional<BigDecimal> rate(String base, String quote, Instant at) {
        return jdbc.sql("""
                select rate from ledger_exchange_rates where base_currency = :base and quote_currency = :quote and effective_at <= :at
                order by effective_at desc, id desc limit 1""")
                .param("base", base).param("quote", quote).param("at", Sql.at(at)).query(BigDecimal.class).optional();
    }

    void insertRate(String base, String quote, BigDecimal rate, Instant effectiveAt, Instant now) {
        jdbc.sql("""
                insert into ledger_exchange_rates (id, base_currency, quote_currency, rate, effective_at, created_at)
                values (:id, :base, :quote, :rate, :effectiveAt, :now)""")
                .param("id", Ids.next("fxr")).param("base", base).param("quote", quote).param("rate", rate)
                .param("effectiveAt", Sql.at(effectiveAt)).param("now", Sql.at(now)).update();
    }

    private static StoredTransaction mapTransaction(ResultSet rs, int n) throws SQLException {
        return new StoredTransaction(rs.getString("id"), rs.getString("reference"), rs.getString("kind"), rs.getString("description"),
                Mode.fromWire(rs.getString("mode")), Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"),
                rs.getString("reporting_currency"), rs.getBigDecimal("exchange_rate"), rs.getString("reverses"));
    }

    private static StoredEntry mapEntry(ResultSet rs, int n) throws SQLException {
        return new StoredEntry(rs.getString("id"), rs.getString("transaction_id"), rs.getString("holder_id"), rs.getString("bucket"),
                Mode.fromWire(rs.getString("mode")), Money.of(rs.getLong("amount"), rs.getString("currency")), Sql.instant(rs, "occurred_at"));
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
