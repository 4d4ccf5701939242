package dev.flywheel.partners;

import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Commission plan versions. Versions are only added, never changed: old deals keep the plan they were won under. */
@Repository
class PlanRepository {

    record StoredPlan(CommissionPlan plan, PartnerType partnerType, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(CommissionPlan plan, PartnerType partnerType, Instant now) {
        jdbc.sql("""
                insert into commission_plans (id, name, effective_from, partner_type, definition, created_at)
                values (:id, :name, :from, :type, :definition, :now)""")
                .param("id", plan.id()).param("name", plan.name()).param("from", Date.valueOf(plan.effectiveFrom()))
                .param("type", partnerType == null ? null : partnerType.name().toLowerCase(Locale.ROOT))
                .param("definition", json.writeValueAsString(plan)).param("now", Sql.at(now)).update();
    }

    Optional<StoredPlan> find(String id) {
        return jdbc.sql("select * from commission_plans where id = :id").param("id", id).query(this::map).optional();
    }

    /** The version in force on a day for an archetype: the latest effective one, a version for the archetype before a general one. */
    Optional<StoredPlan> inForce(LocalDate day, PartnerType type) {
        return jdbc.sql("""
                select * from commission_plans where effective_from <= :day and (partner_type is null or partner_type = :type)
                order by effective_from desc, case when partner_type is null then 1 else 0 end, id desc limit 1""")
                .param("day", Date.valueOf(day)).param("type", type == null ? null : type.name().toLowerCase(Locale.ROOT))
                .query(this::map).optional();
    }

    List<StoredPlan> all(int limit) {
        return jdbc.sql("select * from commission_plans order by effective_from desc, id desc limit :limit").param("limit", limit)
                .query(this::map).list();
    }

    private StoredPlan map(ResultSet rs, int n) throws SQLException {
        CommissionPlan d = json.readValue(rs.getString("definition"), CommissionPlan.class);
        CommissionPlan plan = new CommissionPlan(rs.getString("id"), rs.getString("name"), rs.getDate("effective_from").toLocalDate(),
                d.basis(), d.term(), d.recurringMonths(), d.rates(), d.flat(), d.foundingBonus(), d.multipliers(), d.maxMultiplier(),
                d.sourcedShare(), d.influencedShare());
        String type = rs.getString("partner_type");
        return new StoredPlan(plan, type == null ? null : PartnerType.valueOf(type.toUpperCase(Locale.ROOT)), Sql.instant(rs, "created_at"));
    }
}
