package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit log of security-relevant actions. Entries are only ever appended; the owner browses
 * them in the console. Details must never contain a secret.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an action by whoever is making the current request (or "system" outside one). */
    public void record(String organizationId, String action, String target, String detail) {
        recordAs(currentActor(), organizationId, action, target, detail);
    }

    /** Records an action by a named actor, e.g. the email typed into a failed sign-in. */
    public void recordAs(String actor, String organizationId, String action, String target, String detail) {
        jdbc.sql("""
                insert into audit_log (id, organization_id, actor, action, target, detail, ip, occurred_at)
                values (:id, :org, :actor, :action, :target, :detail, :ip, :at)""")
                .param("id", Ids.next("aud")).param("org", organizationId).param("actor", cut(actor, 200))
                .param("action", action).param("target", cut(target, 200)).param("detail", cut(detail, 2000))
                .param("ip", clientIp()).param("at", Sql.at(clock.instant()))
                .update();
    }

    /** Newest first, optionally only one action (e.g. {@code login.failed}). */
    public CursorPage<AuditEntry> page(String action, PageQuery query) {
        List<AuditEntry> rows = jdbc.sql("""
                select * from audit_log where (cast(:action as varchar) is null or action = :action)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("action", action == null || action.isBlank() ? null : action)
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(AuditLog::map).list();
        return CursorPage.of(rows, query, AuditEntry::id);
    }

    public List<String> actions() {
        return jdbc.sql("select distinct action from audit_log order by action").query(String.class).list();
    }

    private static String currentActor() {
        return Caller.current().map(Caller::label).orElse("system");
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static AuditEntry map(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getString("id"), rs.getString("organization_id"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("detail"), rs.getString("ip"), Sql.instant(rs, "occurred_at"));
    }
}
