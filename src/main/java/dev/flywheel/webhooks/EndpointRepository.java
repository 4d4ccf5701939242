package dev.flywheel.webhooks;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Endpoints, their secrets and their rate windows. */
@Repository
class EndpointRepository {

    /** A stored secret (still encrypted) and until when it signs; null expiry for the current one. */
    record StoredSecret(String id, String ciphertext, Instant createdAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    EndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Endpoint e) {
        jdbc.sql("""
                insert into webhook_endpoints (id, organization_id, app_id, mode, url, description, event_types, origin, status,
                                               rate_limit, secret_version, pinned_versions, created_at, updated_at)
                values (:id, :org, :app, :mode, :url, :description, :types, :origin, :status, :rate, :secretVersion, :pins, :created, :updated)""")
                .param("id", e.id()).param("org", e.organizationId()).param("app", e.appId()).param("mode", e.mode().wire())
                .param("url", e.url()).param("description", e.description()).param("types", String.join(" ", e.eventTypes()))
                .param("origin", e.origin()).param("status", e.status().name()).param("rate", e.rateLimit())
                .param("secretVersion", e.secretVersion()).param("pins", pins(e.pinnedVersions())).param("created", Sql.at(e.createdAt())).param("updated", Sql.at(e.updatedAt()))
                .update();
    }

    Optional<Endpoint> find(String id) {
        return jdbc.sql("select * from webhook_endpoints where id = :id").param("id", id).query(EndpointRepository::map).optional();
    }

    /**
     * An organization's endpoints in one mode, newest first: with {@code appId}, only that app's;
     * with {@code appsOnly}, only app endpoints (a partner's view); otherwise only its own (non-app) endpoints.
     */
    CursorPage<Endpoint> page(String organizationId, Mode mode, String appId, boolean appsOnly, PageQuery query) {
        List<Endpoint> rows = jdbc.sql("""
                select * from webhook_endpoints where organization_id = :org and mode = :mode
                  and (case when cast(:app as varchar) is not null then app_id = :app
                            when :appsOnly then app_id is not null else app_id is null end)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("org", organizationId).param("mode", mode.wire()).param("app", appId).param("appsOnly", appsOnly)
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(EndpointRepository::map).list();
        return CursorPage.of(rows, query, Endpoint::id);
    }

    List<Endpoint> enabled(Mode mode) {
        return jdbc.sql("select * from webhook_endpoints where mode = :mode and status = 'ENABLED'").param("mode", mode.wire())
                .query(EndpointRepository::map).list();
    }

    /** An app's endpoints (any status), oldest first. */
    List<Endpoint> ofApp(String appId) {
        return jdbc.sql("select * from webhook_endpoints where app_id = :app order by id").param("app", appId)
                .query(EndpointRepository::map).list();
    }

    long countEnabled() {
        return jdbc.sql("select count(*) from webhook_endpoints where status = 'ENABLED'").query(Long.class).single();
    }

    void update(Endpoint e, Instant now) {
        jdbc.sql("""
                update webhook_endpoints set url = :url, description = :description, event_types = :types, rate_limit = :rate,
                       pinned_versions = :pins, updated_at = :now
                where id = :id""")
                .param("id", e.id()).param("pins", pins(e.pinnedVersions())).param("url", e.url()).param("description", e.description())
                .param("types", String.join(" ", e.eventTypes())).param("rate", e.rateLimit()).param("now", Sql.at(now)).update();
    }

    /** Enables (clearing the failure streak) or disables with a reason; true if the status changed. */
    boolean setStatus(String id, EndpointStatus status, String reason, Instant now) {
        return jdbc.sql("""
                update webhook_endpoints set status = :status, disabled_reason = :reason, failing_since = null, updated_at = :now
                where id = :id and status <> :status""")
                .param("id", id).param("status", status.name()).param("reason", reason).param("now", Sql.at(now)).update() == 1;
    }

    void delete(String id) {
        jdbc.sql("delete from webhook_endpoints where id = :id").param("id", id).update();
    }

    /** Starts a failure streak unless one is running; returns when the running streak started. */
    Instant markFailing(String id, Instant now) {
        jdbc.sql("update webhook_endpoints set failing_since = :now where id = :id and failing_since is null")
                .param("id", id).param("now", Sql.at(now)).update();
        return jdbc.sql("select failing_since from webhook_endpoints where id = :id").param("id", id)
                .query((rs, n) -> Sql.instant(rs, "failing_since")).optional().orElse(now);
    }

    void clearFailing(String id) {
        jdbc.sql("update webhook_endpoints set failing_since = null where id = :id and failing_since is not null").param("id", id).update();
    }

    /**
     * Takes one delivery slot of the endpoint's current one-second window; false when the window is
     * full. One conditional update, so the limit holds across every node sharing the database.
     */
    boolean takeRateSlot(String id, long windowSecond) {
        return jdbc.sql("""
                update webhook_endpoints
                   set rate_window_count = case when rate_window_start = :window then rate_window_count + 1 else 1 end,
                       rate_window_start = :window
                 where id = :id and (rate_limit is null or rate_window_start <> :window or rate_window_count < rate_limit)""")
                .param("id", id).param("window", windowSecond).update() == 1;
    }

    void insertSecret(String id, String endpointId, String ciphertext, Instant now) {
        jdbc.sql("insert into webhook_secrets (id, endpoint_id, ciphertext, created_at) values (:id, :endpoint, :ciphertext, :now)")
                .param("id", id).param("endpoint", endpointId).param("ciphertext", ciphertext).param("now", Sql.at(now)).update();
    }

    /** Puts an expiry on the current secret (it keeps signing until then) and bumps the secret version. */
    void retireCurrentSecret(String endpointId, Instant expiresAt, Instant now) {
        jdbc.sql("update webhook_secrets set expires_at = :expires where endpoint_id = :endpoint and expires_at is null")
                .param("endpoint", endpointId).param("expires", Sql.at(expiresAt)).update();
        jdbc.sql("update webhook_endpoints set secret_version = secret_version + 1, updated_at = :now where id = :id")
                .param("id", endpointId).param("now", Sql.at(now)).update();
    }

    /** Secrets that sign at this time, current first. */
    List<StoredSecret> signingSecrets(String endpointId, Instant now) {
        return jdbc.sql("""
                select * from webhook_secrets where endpoint_id = :endpoint and (expires_at is null or expires_at > :now)
                order by case when expires_at is null then 0 else 1 end, created_at desc""")
                .param("endpoint", endpointId).param("now", Sql.at(now))
                .query((rs, n) -> new StoredSecret(rs.getString("id"), rs.getString("ciphertext"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "expires_at")))
                .list();
    }

    static Endpoint map(ResultSet rs, int n) throws SQLException {
        int rate = rs.getInt("rate_limit");
        Integer rateLimit = rs.wasNull() ? null : rate;
        return new Endpoint(rs.getString("id"), rs.getString("organization_id"), rs.getString("app_id"), Mode.fromWire(rs.getString("mode")),
                rs.getString("url"), rs.getString("description"), Arrays.asList(rs.getString("event_types").split(" ")), rs.getString("origin"),
                EndpointStatus.valueOf(rs.getString("status")), rs.getString("disabled_reason"), rateLimit, rs.getInt("secret_version"),
                Sql.instant(rs, "failing_since"), pins(rs.getString("pinned_versions")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    /** Pins as stored: {@code type:version} pairs separated by spaces, sorted; null when none. */
    static String pins(Map<String, Integer> pins) {
        if (pins == null || pins.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(pins).forEach((type, version) -> out.append(out.isEmpty() ? "" : " ").append(type).append(':').append(version));
        return out.toString();
    }

    static Map<String, Integer> pins(String stored) {
        if (stored == null || stored.isBlank()) {
            return Map.of();
        }
        Map<String, Integer> pins = new TreeMap<>();
        for (String pair : stored.trim().split(" ")) {
            int colon = pair.lastIndexOf(':');
            pins.put(pair.substring(0, colon), Integer.parseInt(pair.substring(colon + 1)));
        }
        return Map.copyOf(pins);
    }
}
