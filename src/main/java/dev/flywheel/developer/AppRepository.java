package dev.flywheel.developer;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AppRepository {

    /** A secret as stored: its hash, never the secret. */
    record StoredSecret(String id, String appId, String secretHash, String displayPrefix, Instant createdAt, Instant expiresAt) {

        boolean isValidAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    private final JdbcClient jdbc;

    AppRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(App a, String createdBy) {
        jdbc.sql("""
                insert into developer_apps (id, organization_id, mode, name, client_id, client_type, redirect_uris, scopes, logo_url,
                  homepage_url, privacy_url, terms_url, api_version, created_by, created_at, updated_at)
                values (:id, :org, :mode, :name, :clientId, :type, :redirects, :scopes, :logo, :home, :privacy, :terms, :version,
                  :createdBy, :createdAt, :updatedAt)""")
                .param("id", a.id()).param("org", a.organizationId()).param("mode", a.mode().wire()).param("name", a.name())
                .param("clientId", a.clientId()).param("type", a.clientType().wire())
                .param("redirects", a.redirectUris().isEmpty() ? null : String.join("\n", a.redirectUris()))
                .param("scopes", String.join(" ", a.scopes())).param("logo", a.logoUrl()).param("home", a.homepageUrl())
                .param("privacy", a.privacyUrl()).param("terms", a.termsUrl()).param("version", a.apiVersion())
                .param("createdBy", createdBy).param("createdAt", Sql.at(a.createdAt())).param("updatedAt", Sql.at(a.updatedAt()))
                .update();
    }

    void update(App a) {
        jdbc.sql("""
                update developer_apps set name = :name, redirect_uris = :redirects, scopes = :scopes, logo_url = :logo,
                  homepage_url = :home, privacy_url = :privacy, terms_url = :terms, api_version = :version, updated_at = :updatedAt
                where id = :id""")
                .param("id", a.id()).param("name", a.name())
                .param("redirects", a.redirectUris().isEmpty() ? null : String.join("\n", a.redirectUris()))
                .param("scopes", String.join(" ", a.scopes())).param("logo", a.logoUrl()).param("home", a.homepageUrl())
                .param("privacy", a.privacyUrl()).param("terms", a.termsUrl()).param("version", a.apiVersion())
                .param("updatedAt", Sql.at(a.updatedAt()))
                .update();
    }

    boolean disable(String id, Instant at) {
        return jdbc.sql("update developer_apps set disabled_at = :at, updated_at = :at where id = :id and disabled_at is null")
                .param("id", id).param("at", Sql.at(at)).update() == 1;
    }

    Optional<App> find(String id) {
        return jdbc.sql("select * from developer_apps where id = :id").param("id", id).query(AppRepository::map).optional();
    }

    Optional<App> findByClientId(String clientId) {
        return jdbc.sql("select * from developer_apps where client_id = :clientId").param("clientId", clientId)
                .query(AppRepository::map).optional();
    }

    CursorPage<App> page(String organizationId, Mode mode, PageQuery query) {
        List<App> rows = jdbc.sql("""
                select * from developer_apps
                where (cast(:org as varchar) is null or organization_id = :org) and mode = :mode
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("org", organizationId).param("mode", mode.wire()).param("after", query.startingAfter())
                .param("limit", query.fetchSize()).query(AppRepository::map).list();
        return CursorPage.of(rows, query, App::id);
    }

    /** Active live apps, oldest first, at most {@code limit}. */
    List<App> activeLive(int limit) {
        return jdbc.sql("select * from developer_apps where disabled_at is null and mode = 'live' order by id limit :limit")
                .param("limit", limit).query(AppRepository::map).list();
    }

    long countActive() {
        return jdbc.sql("select count(*) from developer_apps where disabled_at is null").query(Long.class).single();
    }

    /** Records that an API key was issued for the app. */
    void linkKey(String keyId, String appId) {
        jdbc.sql("insert into developer_app_keys (key_id, app_id) values (:key, :app) on conflict do nothing").param("key", keyId).param("app", appId)
                .update();
    }

    void insertSecret(StoredSecret s) {
        jdbc.sql("""
                insert into developer_app_secrets (id, app_id, secret_hash, display_prefix, created_at, expires_at)
                values (:id, :app, :hash, :prefix, :createdAt, :expiresAt)""")
                .param("id", s.id()).param("app", s.appId()).param("hash", s.secretHash()).param("prefix", s.displayPrefix())
                .param("createdAt", Sql.at(s.createdAt())).param("expiresAt", Sql.at(s.expiresAt())).update();
    }

    /** Makes every secret of the app that would outlive {@code until} expire then. */
    void expireSecrets(String appId, Instant until) {
        jdbc.sql("update developer_app_secrets set expires_at = :until where app_id = :app and (expires_at is null or expires_at > :until)")
                .param("app", appId).param("until", Sql.at(until)).update();
    }

    List<StoredSecret> secrets(String appId) {
        return jdbc.sql("select * from developer_app_secrets where app_id = :app order by id desc").param("app", appId)
                .query((rs, n) -> new StoredSecret(rs.getString("id"), rs.getString("app_id"), rs.getString("secret_hash"),
                        rs.getString("display_prefix"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at")))
                .list();
    }

    private static App map(ResultSet rs, int n) throws SQLException {
        String redirects = rs.getString("redirect_uris");
        return new App(rs.getString("id"), rs.getString("organization_id"), Mode.fromWire(rs.getString("mode")), rs.getString("name"),
                rs.getString("client_id"), ClientType.valueOf(rs.getString("client_type").toUpperCase(Locale.ROOT)),
                redirects == null ? List.of() : Arrays.asList(redirects.split("\n")),
                Arrays.asList(rs.getString("scopes").trim().split(" +")), rs.getString("logo_url"), rs.getString("homepage_url"),
                rs.getString("privacy_url"), rs.getString("terms_url"), rs.getString("api_version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), Sql.instant(rs, "disabled_at"));
    }
}
