package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The commission lifecycle rows. Every change is a conditional update on the expected state. */
@Repository
class CommissionRepository {

    private final JdbcClient jdbc;

    CommissionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean insert(Commission c, Instant now) {
        return jdbc.sql("""
                insert into ledger_commissions (id, reference, holder_id, mode, currency, amount, clawed_back, status, hold_until,
                    review_reason, created_at, updated_at)
                values (:id, :reference, :holder, :mode, :currency, :amount, 0, :status, :holdUntil, :reason, :now, :now)
                on conflict do nothing""")
                .param("id", c.id()).param("reference", c.reference()).param("holder", c.holderId()).param("mode", c.mode().wire())
                .param("currency", c.amount().currency()).param("amount", c.amount().amount()).param("status", c.status().name())
                .param("holdUntil", Sql.at(c.holdUntil())).param("reason", c.reviewReason()).param("now", Sql.at(now))
                .update() == 1;
    }

    Optional<Commission> find(String id) {
        return jdbc.sql("select * from ledger_commissions where id = :id").param("id", id).query(CommissionRepository::map).optional();
    }

    Optional<Commission> findByReference(String reference) {
        return jdbc.sql("select * from ledger_commissions where reference = :reference").param("reference", reference)
                .query(CommissionRepository::map).optional();
    }

    /** Moves the commission from one state to another; false if it was no longer in {@code from}. */
    boolean transition(String id, CommissionStatus from, CommissionStatus to, Instant holdUntil, Instant now) {
        from.requireCanMoveTo(to);
        return jdbc.sql("""
                update ledger_commissions set status = :to, hold_until = coalesce(:holdUntil, hold_until), updated_at = :now
                where id = :id and status = :from""")
                .param("id", id).param("from", from.name()).param("to", to.name()).param("holdUntil", Sql.at(holdUntil))
                .param("now", Sql.at(now)).update() == 1;
    }

    /** Adds to the clawed-back amount if the commission is still in {@code status} and has that much left. */
    boolean clawBack(String id, CommissionStatus status, long amount, Instant now) {
        return jdbc.sql("""
                update ledger_commissions set clawed_back = clawed_back + :amount, updated_at = :now
                where id = :id and status = :status and clawed_back + :amount <= amount""")
                .param("id", id).param("status", status.name()).param("amount", amount).param("now", Sql.at(now)).update() == 1;
    }

    List<String> heldDue(Instant now, int limit) {
        return jdbc.sql("select id from ledger_commissions where status = 'HELD' and hold_until <= :now order by hold_until limit :limit")
                .param("now", Sql.at(now)).param("limit", limit).query(String.class).list();
    }

    List<String> available(String holderId, Mode mode, String currency) {
        return jdbc.sql("select id from ledger_commissions where holder_id = :holder and mode = :mode and currency = :currency and status = 'AVAILABLE'")
                .param("holder", holderId).param("mode", mode.wire()).param("currency", currency).query(String.class).list();
    }

    CursorPage<Commission> page(String holderId, Mode mode, PageQuery query) {
        List<Commission> rows = jdbc.sql("""
                select * from ledger_commissions where holder_id = :holder and mode = :mode
                  and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("holder", holderId).param("mode", mode.wire()).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(CommissionRepository::map).list();
        return CursorPage.of(rows, query, Commission::id);
    }

    static Commission map(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new Commission(rs.getString("id"), rs.getString("reference"), rs.getString("holder_id"), Mode.fromWire(rs.getString("mode")),
                Money.of(rs.getLong("amount"), currency), Money.of(rs.getLong("clawed_back"), currency),
                CommissionStatus.valueOf(rs.getString("status")), Sql.instant(rs, "hold_until"), rs.getString("review_reason"),
                Sql.instant(rs, "created_at"));
    }

    /** Commissions per payee and currency, net of clawbacks; void ones hold no money and are left out. */
    List<Ledger.HolderTotal> totalsByHolder(Mode mode) {
        return jdbc.sql("""
                select holder_id, currency, sum(amount - clawed_back) as total from ledger_commissions
                where mode = :mode and status <> 'VOID' group by holder_id, currency order by holder_id, currency""")
                .param("mode", mode.wire())
                .query((rs, n) -> new Ledger.HolderTotal(rs.getString("holder_id"), Money.of(rs.getLong("total"), rs.getString("currency"))))
                .list();
    }
}
