package dev.flywheel.partners;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.pipeline.PartnerPipelineSource;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DealRepository {

    private static final TypeReference<List<ConflictDetector.Conflict>> CONFLICTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DealRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(DealRegistration d) {
        jdbc.sql("""
                insert into deal_registrations (id, partner_id, mode, company, domain, contact_email, estimated_amount, currency, products,
                    expected_close, status, conflicts, sla_due_at, created_at, updated_at)
                values (:id, :partner, :mode, :company, :domain, :contact, :amount, :currency, :products, :expectedClose, :status,
                    :conflicts, :sla, :now, :now)""")
                .param("id", d.id()).param("partner", d.partnerId()).param("mode", d.mode().wire()).param("company", d.company())
                .param("domain", d.domain()).param("contact", d.contactEmail()).param("amount", d.estimatedValue().amount())
                .param("currency", d.estimatedValue().currency()).param("products", d.products())
                .param("expectedClose", Date.valueOf(d.expectedClose())).param("status", d.status().name())
                .param("conflicts", json.writeValueAsString(d.conflicts())).param("sla", Sql.at(d.slaDueAt()))
                .param("now", Sql.at(d.createdAt()))
                .update();
    }

    Optional<DealRegistration> find(String id) {
        return jdbc.sql("select * from deal_registrations where id = :id").param("id", id).query(this::map).optional();
    }

    /** Registrations of this domain that still claim it (submitted, or approved). */
    List<DealRegistration> openWithDomain(Mode mode, String domain) {
        return jdbc.sql("select * from deal_registrations where mode = :mode and domain = :domain and status in ('SUBMITTED', 'APPROVED') order by id")
                .param("mode", mode.wire()).param("domain", domain).query(this::map).list();
    }

    boolean approve(String id, String by, String reason, int days, Instant until, Instant now) {
        return jdbc.sql("""
                update deal_registrations set status = 'APPROVED', decided_at = :now, decided_by = :by, decision_reason = :reason,
                    protection_days = :days, protected_until = :until, updated_at = :now
                where id = :id and status = 'SUBMITTED'""")
                .param("id", id).param("by", by).param("reason", reason).param("days", days).param("until", Sql.at(until))
                .param("now", Sql.at(now)).update() == 1;
    }

    boolean reject(String id, String by, String reason, Instant now) {
        return jdbc.sql("""
                update deal_registrations set status = 'REJECTED', decided_at = :now, decided_by = :by, decision_reason = :reason, updated_at = :now
                where id = :id and status = 'SUBMITTED'""")
                .param("id", id).param("by", by).param("reason", reason).param("now", Sql.at(now)).update() == 1;
    }

    boolean close(String id, DealStatus to, LocalDate closedOn, Money won, Integer contractMonths, String vertical, Instant now) {
        return jdbc.sql("""
                update deal_registrations set status = :to, closed_on = :closedOn, won_amount = :won, contract_months = :months,
                    vertical = :vertical, updated_at = :now
                where id = :id and status = 'APPROVED'""")
                .param("id", id).param("to", to.name()).param("closedOn", closedOn == null ? null : Date.valueOf(closedOn))
                .param("won", won == null ? null : won.amount()).param("months", contractMonths).param("vertical", vertical)
                .param("now", Sql.at(now)).update() == 1;
    }

    boolean extend(String id, Instant until, Instant now) {
        return jdbc.sql("update deal_registrations set protected_until = :until, updated_at = :now where id = :id and status = 'APPROVED'")
                .param("id", id).param("until", Sql.at(until)).param("now", Sql.at(now)).update() == 1;
    }

    /** Adds a refund if the total stays within the won amount; false if it would exceed it. */
    boolean addRefund(String id, long amount, Instant now) {
        return jdbc.sql("""
                update deal_registrations set refunded = refunded + :amount, updated_at = :now
                where id = :id and status = 'WON' and refunded + :amount <= won_amount""")
                .param("id", id).param("amount", amount).param("now", Sql.at(now)).update() == 1;
    }

    List<String> lapsed(Instant now, int limit) {
        return jdbc.sql("select id from deal_registrations where status = 'APPROVED' and protected_until <= :now order by id limit :limit")
                .param("now", Sql.at(now)).param("limit", limit).query(String.class).list();
    }

    boolean expire(String id, Instant now) {
        return jdbc.sql("update deal_registrations set status = 'EXPIRED', updated_at = :now where id = :id and status = 'APPROVED' and protected_until <= :now")
                .param("id", id).param("now", Sql.at(now)).update() == 1;
    }

    /** Claims the domain for an approved registration; false if another registration's protection still holds it. */
    boolean protect(Mode mode, String domain, String registrationId, String partnerId, Instant until, Instant now) {
        boolean inserted = jdbc.sql("""
                insert into deal_protections (mode, domain, registration_id, partner_id, protected_until)
                values (:mode, :domain, :reg, :partner, :until) on conflict do nothing""")
                .param("mode", mode.wire()).param("domain", domain).param("reg", registrationId).param("partner", partnerId)
                .param("until", Sql.at(until)).update() == 1;
        if (inserted) {
            return true;
        }
        return jdbc.sql("""
                update deal_protections set registration_id = :reg, partner_id = :partner, protected_until = :until
                where mode = :mode and domain = :domain and (protected_until <= :now or registration_id = :reg)""")
                .param("mode", mode.wire()).param("domain", domain).param("reg", registrationId).param("partner", partnerId)
                .param("until", Sql.at(until)).param("now", Sql.at(now)).update() == 1;
    }

    void releaseProtection(Mode mode, String domain, String registrationId, Instant now) {
        jdbc.sql("update deal_protections set protected_until = :now where mode = :mode and domain = :domain and registration_id = :reg")
                .param("mode", mode.wire()).param("domain", domain).param("reg", registrationId).param("now", Sql.at(now)).update();
    }

    Optional<String> openOpportunity(Mode mode, String domain) {
        return jdbc.sql("select id from owner_opportunities where mode = :mode and domain = :domain and is_open = true order by id limit 1")
                .param("mode", mode.wire()).param("domain", domain).query(String.class).optional();
    }

    String insertOpportunity(Mode mode, String company, String domain, String stage, Instant now) {
        String id = Ids.next("opp");
        jdbc.sql("""
                insert into owner_opportunities (id, mode, company, domain, stage, is_open, created_at)
                values (:id, :mode, :company, :domain, :stage, true, :now)""")
                .param("id", id).param("mode", mode.wire()).param("company", company).param("domain", domain).param("stage", stage)
                .param("now", Sql.at(now)).update();
        return id;
    }

    CursorPage<DealRegistration> page(String partnerId, Mode mode, DealStatus status, PageQuery query) {
        List<DealRegistration> rows = jdbc.sql("""
                select * from deal_registrations where mode = :mode
                  and (cast(:partner as varchar) is null or partner_id = :partner)
                  and (cast(:status as varchar) is null or status = :status)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("mode", mode.wire()).param("partner", partnerId).param("status", status == null ? null : status.name())
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(this::map).list();
        return CursorPage.of(rows, query, DealRegistration::id);
    }

    /** How many registrations were created in {@code [from, to)}, and by how many distinct partners. */
    long[] registrationCounts(Mode mode, Instant from, Instant to) {
        return jdbc.sql("""
                select count(*) as registrations, count(distinct partner_id) as partners from deal_registrations
                where mode = :mode and created_at >= :from and created_at < :to""")
                .param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((rs, n) -> new long[] {rs.getLong("registrations"), rs.getLong("partners")}).single();
    }

    /** Registrations created in [from, to) by status and currency, for the pipeline figures of other modules. */
    List<PartnerPipelineSource.Line> pipeline(Mode mode, Instant from, Instant to) {
        return jdbc.sql("""
                select status, currency, count(*) as registrations, sum(estimated_amount) as estimated, sum(coalesce(won_amount, 0)) as won
                from deal_registrations where mode = :mode and created_at >= :from and created_at < :to
                group by status, currency order by status, currency""")
                .param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((rs, n) -> new PartnerPipelineSource.Line(rs.getString("status").toLowerCase(java.util.Locale.ROOT), rs.getString("currency"),
                        rs.getLong("registrations"), rs.getLong("estimated"), "WON".equals(rs.getString("status")) ? rs.getLong("won") : 0))
                .list();
    }

    /** Registrations still waiting for review after their SLA ended, longest waiting first. */
    List<DealRegistration> overdue(Mode mode, Instant now, int limit) {
        return jdbc.sql("""
                select * from deal_registrations where mode = :mode and status = 'SUBMITTED' and sla_due_at < :now
                order by sla_due_at, id limit :limit""")
                .param("mode", mode.wire()).param("now", Sql.at(now)).param("limit", limit).query(this::map).list();
    }

    long overdueCount(Mode mode, Instant now) {
        return jdbc.sql("select count(*) from deal_registrations where mode = :mode and status = 'SUBMITTED' and sla_due_at < :now")
                .param("mode", mode.wire()).param("now", Sql.at(now)).query(Long.class).single();
    }

    /** Every registration of a partner (or all partners) created since a moment, for reviews and exports. */
    List<DealRegistration> since(String partnerId, Mode mode, Instant since) {
        return jdbc.sql("""
                select * from deal_registrations where mode = :mode and created_at >= :since
                  and (cast(:partner as varchar) is null or partner_id = :partner) order by partner_id, id""")
                .param("mode", mode.wire()).param("since", Sql.at(since)).param("partner", partnerId).query(this::map).list();
    }

    /** Won deals closed on or after a day, for tier metrics. */
    List<DealRegistration> wonSince(String partnerId, LocalDate since) {
        return jdbc.sql("select * from deal_registrations where partner_id = :partner and mode = 'live' and status = 'WON' and closed_on >= :since")
                .param("partner", partnerId).param("since", Date.valueOf(since)).query(this::map).list();
    }

    private DealRegistration map(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        Date closedOn = rs.getDate("closed_on");
        long won = rs.getLong("won_amount");
        boolean hasWon = !rs.wasNull();
        int days = rs.getInt("protection_days");
        Integer protectionDays = rs.wasNull() ? null : days;
        int months = rs.getInt("contract_months");
        Integer contractMonths = rs.wasNull() ? null : months;
        return new DealRegistration(rs.getString("id"), rs.getString("partner_id"), Mode.fromWire(rs.getString("mode")),
                rs.getString("company"), rs.getString("domain"), rs.getString("contact_email"),
                Money.of(rs.getLong("estimated_amount"), currency), rs.getString("products"), rs.getDate("expected_close").toLocalDate(),
                DealStatus.valueOf(rs.getString("status")), json.readValue(rs.getString("conflicts"), CONFLICTS), Sql.instant(rs, "sla_due_at"),
                protectionDays, Sql.instant(rs, "protected_until"), Sql.instant(rs, "decided_at"), rs.getString("decided_by"),
                rs.getString("decision_reason"), closedOn == null ? null : closedOn.toLocalDate(), hasWon ? Money.of(won, currency) : null,
                contractMonths, rs.getString("vertical"), rs.getLong("refunded"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
