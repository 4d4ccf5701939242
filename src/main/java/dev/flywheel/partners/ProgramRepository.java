package dev.flywheel.partners;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tiers, each partner's place in the program, tier history and the daily evaluation claims. */
@Repository
class ProgramRepository {

    /** A partner's membership of the program. */
    record Membership(String partnerId, String tier, Instant tierSince, LocalDate belowSince, boolean founding, LocalDate foundingUntil,
            String managerEmail, Instant joinedAt) {

        boolean foundingOn(LocalDate day) {
            return founding && foundingUntil != null && !day.isAfter(foundingUntil);
        }
    }

    record TierChange(String id, String partnerId, String fromTier, String toTier, String kind, String reason, String metrics, Instant changedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProgramRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<TierRules.Tier> tiers() {
        return jdbc.sql("select * from partner_tiers order by tier_rank").query((rs, n) -> new TierRules.Tier(rs.getString("name"),
                rs.getString("label"), rs.getInt("tier_rank"),
                json.readValue(rs.getString("requirements"), new TypeReference<Map<String, BigDecimal>>() {
                }),
                json.readValue(rs.getString("benefits"), new TypeReference<List<String>>() {
                }))).list();
    }

    void saveTier(TierRules.Tier tier, Instant now) {
        int updated = jdbc.sql("update partner_tiers set label = :label, tier_rank = :rank, requirements = :req, benefits = :benefits, updated_at = :now where name = :name")
                .param("name", tier.name()).param("label", tier.label()).param("rank", tier.rank())
                .param("req", json.writeValueAsString(tier.requirements())).param("benefits", json.writeValueAsString(tier.benefits()))
                .param("now", Sql.at(now)).update();
        if (updated == 0) {
            jdbc.sql("insert into partner_tiers (name, label, tier_rank, requirements, benefits, updated_at) values (:name, :label, :rank, :req, :benefits, :now)")
                    .param("name", tier.name()).param("label", tier.label()).param("rank", tier.rank())
                    .param("req", json.writeValueAsString(tier.requirements())).param("benefits", json.writeValueAsString(tier.benefits()))
                    .param("now", Sql.at(now)).update();
        }
    }

    Optional<Membership> membership(String partnerId) {
        return jdbc.sql("select * from partner_programs where partner_id = :id").param("id", partnerId).query(ProgramRepository::map).optional();
    }

    /** Makes the partner a member in the entry tier if it is not one yet (partners created before the program, or by the API). */
    void join(String partnerId, String entryTier, boolean founding, LocalDate foundingUntil, Instant now) {
        jdbc.sql("""
                insert into partner_programs (partner_id, tier, tier_since, founding, founding_until, joined_at)
                values (:id, :tier, :now, :founding, :until, :now) on conflict do nothing""")
                .param("id", partnerId).param("tier", entryTier).param("founding", founding)
                .param("until", foundingUntil == null ? null : Date.valueOf(foundingUntil)).param("now", Sql.at(now)).update();
    }

    void setTier(String partnerId, String tier, LocalDate belowSince, Instant now) {
        jdbc.sql("update partner_programs set tier = :tier, tier_since = :now, below_since = :below where partner_id = :id")
                .param("id", partnerId).param("tier", tier).param("below", belowSince == null ? null : Date.valueOf(belowSince))
                .param("now", Sql.at(now)).update();
    }

    void setBelowSince(String partnerId, LocalDate belowSince) {
        jdbc.sql("update partner_programs set below_since = :below where partner_id = :id")
                .param("id", partnerId).param("below", belowSince == null ? null : Date.valueOf(belowSince)).update();
    }

    void setManager(String partnerId, String email) {
        jdbc.sql("update partner_programs set manager_email = :email where partner_id = :id").param("id", partnerId).param("email", email).update();
    }

    List<String> members() {
        return jdbc.sql("select partner_id from partner_programs order by partner_id").query(String.class).list();
    }

    void insertChange(String partnerId, String from, String to, String kind, String reason, Map<String, ?> metrics, Instant now) {
        jdbc.sql("""
                insert into partner_tier_changes (id, partner_id, from_tier, to_tier, change_kind, reason, metrics, changed_at)
                values (:id, :partner, :from, :to, :kind, :reason, :metrics, :now)""")
                .param("id", Ids.next("ptc")).param("partner", partnerId).param("from", from).param("to", to).param("kind", kind)
                .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .param("metrics", json.writeValueAsString(metrics)).param("now", Sql.at(now)).update();
    }

    List<TierChange> changes(String partnerId, int limit) {
        return jdbc.sql("select * from partner_tier_changes where partner_id = :id order by id desc limit :limit")
                .param("id", partnerId).param("limit", limit)
                .query((rs, n) -> new TierChange(rs.getString("id"), rs.getString("partner_id"), rs.getString("from_tier"),
                        rs.getString("to_tier"), rs.getString("change_kind"), rs.getString("reason"), rs.getString("metrics"),
                        Sql.instant(rs, "changed_at")))
                .list();
    }

    /** The first node to insert the day's row runs that day's evaluation; true for that node only. */
    boolean claimRun(LocalDate day, String node, Instant now) {
        return jdbc.sql("insert into partner_tier_runs (run_date, claimed_by, claimed_at) values (:day, :node, :now) on conflict do nothing")
                .param("day", Date.valueOf(day)).param("node", node).param("now", Sql.at(now)).update() == 1;
    }

    void completeRun(LocalDate day, int evaluated, Instant now) {
        jdbc.sql("update partner_tier_runs set completed_at = :now, evaluated = :n where run_date = :day")
                .param("day", Date.valueOf(day)).param("n", evaluated).param("now", Sql.at(now)).update();
    }

    private static Membership map(ResultSet rs, int n) throws SQLException {
        Date below = rs.getDate("below_since");
        Date until = rs.getDate("founding_until");
        return new Membership(rs.getString("partner_id"), rs.getString("tier"), Sql.instant(rs, "tier_since"),
                below == null ? null : below.toLocalDate(), rs.getBoolean("founding"), until == null ? null : until.toLocalDate(),
                rs.getString("manager_email"), Sql.instant(rs, "joined_at"));
    }
}
