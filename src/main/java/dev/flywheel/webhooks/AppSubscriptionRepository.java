package dev.flywheel.webhooks;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Installs of apps as this module knows them, and the install-scoped subscriptions of app endpoints. */
@Repository
class AppSubscriptionRepository {

    /** An install: an app on a customer account, with what the customer consented to. */
    record Install(String id, String appId, String account, Mode mode, List<String> scopes, SubscriptionStatus status, String statusReason,
            Instant installedAt, Instant updatedAt) {
    }

    /** Where an event of one account goes for one app endpoint: the subscription and the scopes its install allows. */
    record Route(String subscriptionId, String endpointId, String account, List<String> scopes) {
    }

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    AppSubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the install, or brings a reinstalled one back to active with its new scopes. */
    void upsertInstall(String id, String appId, String account, Mode mode, List<String> scopes, Instant at) {
        int updated = jdbc.sql("""
                update webhook_installs set app_id = :app, account = :account, mode = :mode, scopes = :scopes, status = 'ACTIVE',
                       status_reason = null, installed_at = :at, updated_at = :at where id = :id""")
                .param("id", id).param("app", appId).param("account", account).param("mode", mode.wire())
                .param("scopes", String.join(" ", scopes)).param("at", Sql.at(at)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into webhook_installs (id, app_id, account, mode, scopes, status, installed_at, updated_at)
                    values (:id, :app, :account, :mode, :scopes, 'ACTIVE', :at, :at) on conflict do nothing""")
                    .param("id", id).param("app", appId).param("account", account).param("mode", mode.wire())
                    .param("scopes", String.join(" ", scopes)).param("at", Sql.at(at)).update();
        }
    }

    Optional<Install> install(String id) {
        return jdbc.sql("select * from webhook_installs where id = :id").param("id", id).query((rs, n) -> new Install(rs.getString("id"),
                rs.getString("app_id"), rs.getString("account"), Mode.fromWire(rs.getString("mode")), scopes(rs.getString("scopes")),
                SubscriptionStatus.valueOf(rs.getString("status")), rs.getString("status_reason"), Sql.instant(rs, "installed_at"),
                Sql.instant(rs, "updated_at"))).optional();
    }

    /** The app's installs that are not ended (active or suspended), in one mode. */
    List<Install> liveInstalls(String appId, Mode mode) {
        return jdbc.sql("select * from webhook_installs where app_id = :app and mode = :mode and status <> 'ENDED' order by id")
                .param("app", appId).param("mode", mode.wire())
                .query((rs, n) -> new Install(rs.getString("id"), rs.getString("app_id"), rs.getString("account"), Mode.fromWire(rs.getString("mode")),
                        scopes(rs.getString("scopes")), SubscriptionStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                        Sql.instant(rs, "installed_at"), Sql.instant(rs, "updated_at"))).list();
    }

    /** Moves the install and all its subscriptions to {@code status}; true when the install's status changed. */
    boolean setStatus(String installId, SubscriptionStatus status, String reason, Instant at) {
        int changed = jdbc.sql("update webhook_installs set status = :status, status_reason = :reason, updated_at = :at where id = :id and status <> :status")
                .param("id", installId).param("status", status.name()).param("reason", reason).param("at", Sql.at(at)).update();
        jdbc.sql("""
                update webhook_subscriptions set status = :status, ended_at = :ended where install_id = :id and status <> :status""")
                .param("id", installId).param("status", status.name()).param("ended", status == SubscriptionStatus.ACTIVE ? null : Sql.at(at))
                .update();
        return changed == 1;
    }

    /** Subscribes each endpoint to the install (an existing pair takes the install's status); returns the pairs made or changed. */
    int subscribe(Install install, Collection<String> endpointIds, Instant at) {
        int count = 0;
        for (String endpointId : endpointIds) {
            int updated = jdbc.sql("""
                    update webhook_subscriptions set status = :status, ended_at = null where install_id = :install and endpoint_id = :endpoint
                       and status <> :status""")
                    .param("install", install.id()).param("endpoint", endpointId).param("status", install.status().name()).update();
            if (updated == 0) {
                updated = jdbc.sql("""
                        insert into webhook_subscriptions (id, install_id, endpoint_id, account, mode, status, created_at)
                        values (:id, :install, :endpoint, :account, :mode, :status, :at) on conflict do nothing""")
                        .param("id", Ids.next("whsub")).param("install", install.id()).param("endpoint", endpointId)
                        .param("account", install.account()).param("mode", install.mode().wire()).param("status", install.status().name())
                        .param("at", Sql.at(at)).update();
            }
            count += updated;
        }
        return count;
    }

    /**
     * The active subscriptions of the given accounts in one mode, keyed by endpoint id and account
     * ({@code endpoint|account}). Read in chunks so a batch of a thousand events stays one or two queries.
     */
    Map<String, Route> activeRoutes(Mode mode, Collection<String> accounts) {
        Map<String, Route> routes = new HashMap<>();
        List<String> all = new ArrayList<>(accounts);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            jdbc.sql("""
                    select s.id, s.endpoint_id, s.account, i.scopes from webhook_subscriptions s join webhook_installs i on i.id = s.install_id
                     where s.mode = :mode and s.account in (:accounts) and s.status = 'ACTIVE'""")
                    .param("mode", mode.wire()).param("accounts", chunk)
                    .query((rs, n) -> new Route(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("account"), scopes(rs.getString("scopes"))))
                    .list().forEach(r -> routes.put(key(r.endpointId(), r.account()), r));
        }
        return routes;
    }

    /** Active subscriptions of one endpoint, for its owner to see which accounts it serves. */
    long activeCount(String endpointId) {
        return jdbc.sql("select count(*) from webhook_subscriptions where endpoint_id = :endpoint and status = 'ACTIVE'")
                .param("endpoint", endpointId).query(Long.class).single();
    }

    static String key(String endpointId, String account) {
        return endpointId + "|" + account;
    }

    private static List<String> scopes(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.asList(stored.trim().split(" "));
    }
}
