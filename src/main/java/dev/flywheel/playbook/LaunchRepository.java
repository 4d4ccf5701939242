package dev.flywheel.playbook;

import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The launch tracker's tasks and the co-marketing register, in plain SQL. */
@Repository
class LaunchRepository {

    /** A task of the plan; {@code dueDay} counts from the launch start (day 1). */
    record Task(String id, LaunchPlan.Phase phase, int dueDay, String title, boolean builtin, Instant doneAt, String doneBy, String note) {

        public boolean done() {
            return doneAt != null;
        }
    }

    private final JdbcClient jdbc;

    LaunchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Task> tasks() {
        return jdbc.sql("select * from playbook_launch_tasks order by due_day, builtin desc, id limit 500").query(LaunchRepository::task).list();
    }

    void insertTask(String id, LaunchPlan.Phase phase, int dueDay, String title, Instant now) {
        jdbc.sql("""
                insert into playbook_launch_tasks (id, phase, due_day, title, builtin, created_at)
                values (:id, :phase, :day, :title, false, :at)""")
                .param("id", id).param("phase", phase.name()).param("day", dueDay).param("title", title).param("at", Sql.at(now)).update();
    }

    /** Ticks an open task; false when it was already done (or does not exist). */
    boolean tick(String id, String by, Instant at) {
        return jdbc.sql("update playbook_launch_tasks set done_at = :at, done_by = :by where id = :id and done_at is null")
                .param("id", id).param("by", by).param("at", Sql.at(at)).update() == 1;
    }

    boolean untick(String id) {
        return jdbc.sql("update playbook_launch_tasks set done_at = null, done_by = null where id = :id and done_at is not null")
                .param("id", id).update() == 1;
    }

    boolean note(String id, String note) {
        return jdbc.sql("update playbook_launch_tasks set note = :note where id = :id").param("id", id).param("note", note).update() == 1;
    }

    boolean deleteCustomTask(String id) {
        return jdbc.sql("delete from playbook_launch_tasks where id = :id and builtin = false").param("id", id).update() == 1;
    }

    List<CoMarketing.Asset> assets() {
        return jdbc.sql("select * from playbook_co_marketing_assets order by live_on desc nulls first, id desc limit 500")
                .query((rs, n) -> new CoMarketing.Asset(rs.getString("id"), CoMarketing.Kind.valueOf(rs.getString("kind")), rs.getString("title"),
                        rs.getString("partner_org_id"), null, rs.getString("channel"), rs.getString("url"),
                        rs.getObject("live_on", LocalDate.class)))
                .list();
    }

    void insertAsset(CoMarketing.Asset a, Instant now) {
        jdbc.sql("""
                insert into playbook_co_marketing_assets (id, kind, title, partner_org_id, channel, url, live_on, created_at)
                values (:id, :kind, :title, :partner, :channel, :url, :live, :at)""")
                .param("id", a.id()).param("kind", a.kind().name()).param("title", a.title()).param("partner", a.partnerOrgId())
                .param("channel", a.channel()).param("url", a.url()).param("live", a.liveOn()).param("at", Sql.at(now)).update();
    }

    boolean markLive(String id, LocalDate on) {
        return jdbc.sql("update playbook_co_marketing_assets set live_on = :on where id = :id").param("id", id).param("on", on).update() == 1;
    }

    boolean deleteAsset(String id) {
        return jdbc.sql("delete from playbook_co_marketing_assets where id = :id").param("id", id).update() == 1;
    }

    private static Task task(ResultSet rs, int n) throws SQLException {
        return new Task(rs.getString("id"), LaunchPlan.Phase.valueOf(rs.getString("phase")), rs.getInt("due_day"), rs.getString("title"),
                rs.getBoolean("builtin"), Sql.instant(rs, "done_at"), rs.getString("done_by"), rs.getString("note"));
    }
}
