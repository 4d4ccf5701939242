package dev.flywheel.playbook;

import dev.flywheel.platform.jdbc.Sql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The playbook's own data: levers and their scores, integration targets, additions to the ecosystem map. */
@Repository
class PlaybookRepository {

    /** A tool chosen from a survey as an integration to build, and the survey figures that put it there. */
    record Target(String id, String tool, BigDecimal score, int dailyUsers, int respondents, String feasibility, String status, Instant createdAt) {
    }

    /** A node or edge someone added to the map by hand. */
    record MapAddition(String id, String kind, String label, String sourceNode, String targetNode, String flow, Long weight) {
    }

    private final JdbcClient jdbc;

    PlaybookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LeverPriority.Scored> levers() {
        return jdbc.sql("""
                select l.id, l.name, l.pillars, avg(cast(s.impact as numeric(10,4))) as impact, avg(cast(s.effort as numeric(10,4))) as effort,
                  count(s.id) as responses
                from playbook_levers l left join playbook_lever_scores s on s.lever_id = l.id
                group by l.id, l.name, l.pillars order by l.builtin desc, l.name""")
                .query((rs, n) -> {
                    BigDecimal impact = rs.getBigDecimal("impact");
                    BigDecimal effort = rs.getBigDecimal("effort");
                    return new LeverPriority.Scored(rs.getString("id"), rs.getString("name"), pillars(rs.getString("pillars")),
                            impact == null ? null : impact.doubleValue(), effort == null ? null : effort.doubleValue(), rs.getInt("responses"));
                }).list();
    }

    void insertLever(String id, String name, String description, Set<LeverPriority.Pillar> pillars, Instant now) {
        jdbc.sql("insert into playbook_levers (id, name, description, pillars, builtin, created_at) values (:id, :name, :d, :p, false, :at)")
                .param("id", id).param("name", name).param("d", description)
                .param("p", pillars.stream().map(Enum::name).collect(Collectors.joining(","))).param("at", Sql.at(now)).update();
    }

    void insertScore(String id, String leverId, String stakeholder, int impact, int effort, Instant now) {
        jdbc.sql("""
                insert into playbook_lever_scores (id, lever_id, stakeholder, impact, effort, created_at)
                values (:id, :lever, :who, :impact, :effort, :at)""")
                .param("id", id).param("lever", leverId).param("who", stakeholder).param("impact", impact).param("effort", effort)
                .param("at", Sql.at(now)).update();
    }

    long stakeholders() {
        return jdbc.sql("select count(distinct stakeholder) from playbook_lever_scores").query(Long.class).single();
    }

    List<Target> targets() {
        return jdbc.sql("select * from playbook_integration_targets order by score desc, tool limit 200")
                .query((rs, n) -> new Target(rs.getString("id"), rs.getString("tool"), rs.getBigDecimal("score"), rs.getInt("daily_users"),
                        rs.getInt("respondents"), rs.getString("feasibility"), rs.getString("status"), Sql.instant(rs, "created_at")))
                .list();
    }

    boolean insertTarget(Target t) {
        return jdbc.sql("""
                insert into playbook_integration_targets (id, tool, score, daily_users, respondents, feasibility, status, created_at)
                values (:id, :tool, :score, :daily, :respondents, :feasibility, :status, :at) on conflict do nothing""")
                .param("id", t.id()).param("tool", t.tool()).param("score", t.score()).param("daily", t.dailyUsers())
                .param("respondents", t.respondents()).param("feasibility", t.feasibility()).param("status", t.status())
                .param("at", Sql.at(t.createdAt())).update() == 1;
    }

    List<MapAddition> mapAdditions() {
        return jdbc.sql("select * from playbook_map_additions order by id limit 500")
                .query((rs, n) -> {
                    long w = rs.getLong("weight");
                    return new MapAddition(rs.getString("id"), rs.getString("kind"), rs.getString("label"), rs.getString("source_node"),
                            rs.getString("target_node"), rs.getString("flow"), rs.wasNull() ? null : w);
                }).list();
    }

    void insertMapAddition(MapAddition a, Instant now) {
        jdbc.sql("""
                insert into playbook_map_additions (id, kind, label, source_node, target_node, flow, weight, created_at)
                values (:id, :kind, :label, :source, :target, :flow, :weight, :at)""")
                .param("id", a.id()).param("kind", a.kind()).param("label", a.label()).param("source", a.sourceNode())
                .param("target", a.targetNode()).param("flow", a.flow()).param("weight", a.weight()).param("at", Sql.at(now)).update();
    }

    boolean deleteMapAddition(String id) {
        return jdbc.sql("delete from playbook_map_additions where id = :id").param("id", id).update() == 1;
    }

    private static Set<LeverPriority.Pillar> pillars(String value) {
        Set<LeverPriority.Pillar> out = EnumSet.noneOf(LeverPriority.Pillar.class);
        if (value != null && !value.isBlank()) {
            Arrays.stream(value.split(",")).map(String::trim).forEach(p -> out.add(LeverPriority.Pillar.valueOf(p)));
        }
        return out;
    }
}
