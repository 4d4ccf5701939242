package dev.flywheel.partners;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The partners' side of each commission: who was credited, under which plan, and the trace of rules. */
@Repository
class CommissionRecords {

    record PartnerCommission(String id, String registrationId, String partnerId, Mode mode, String role, String revenueRef, Money amount,
            String planId, List<String> trace, List<String> flags, String ledgerCommissionId, Instant createdAt) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CommissionRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the commission unless this revenue event already credited this partner; returns its id, or null if it existed. */
    String insert(String registrationId, String partnerId, Mode mode, String role, String revenueRef, Money amount, String planId,
            List<String> trace, List<String> flags, Instant now) {
        String id = Ids.next("pcm");
        int n = jdbc.sql("""
                insert into partner_commissions (id, registration_id, partner_id, mode, credit_role, revenue_ref, amount, currency, plan_id,
                    trace, flags, created_at)
                values (:id, :reg, :partner, :mode, :role, :ref, :amount, :currency, :plan, :trace, :flags, :now) on conflict do nothing""")
                .param("id", id).param("reg", registrationId).param("partner", partnerId).param("mode", mode.wire()).param("role", role)
                .param("ref", revenueRef).param("amount", amount.amount()).param("currency", amount.currency()).param("plan", planId)
                .param("trace", json.writeValueAsString(trace)).param("flags", flags.isEmpty() ? null : json.writeValueAsString(flags))
                .param("now", Sql.at(now)).update();
        return n == 1 ? id : null;
    }

    void linkLedger(String id, String ledgerCommissionId) {
        jdbc.sql("update partner_commissions set ledger_commission_id = :l where id = :id").param("id", id).param("l", ledgerCommissionId).update();
    }

    List<PartnerCommission> ofRegistration(String registrationId) {
        return jdbc.sql("select * from partner_commissions where registration_id = :reg order by id").param("reg", registrationId)
                .query(this::map).list();
    }

    CursorPage<PartnerCommission> page(String partnerId, Mode mode, PageQuery query) {
        List<PartnerCommission> rows = jdbc.sql("""
                select * from partner_commissions where partner_id = :partner and mode = :mode
                  and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("partner", partnerId).param("mode", mode.wire()).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(this::map).list();
        return CursorPage.of(rows, query, PartnerCommission::id);
    }

    private PartnerCommission map(ResultSet rs, int n) throws SQLException {
        String flags = rs.getString("flags");
        return new PartnerCommission(rs.getString("id"), rs.getString("registration_id"), rs.getString("partner_id"),
                Mode.fromWire(rs.getString("mode")), rs.getString("credit_role"), rs.getString("revenue_ref"),
                Money.of(rs.getLong("amount"), rs.getString("currency")), rs.getString("plan_id"), json.readValue(rs.getString("trace"), STRINGS),
                flags == null ? List.of() : json.readValue(flags, STRINGS), rs.getString("ledger_commission_id"), Sql.instant(rs, "created_at"));
    }
}
