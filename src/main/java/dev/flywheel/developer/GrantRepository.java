package dev.flywheel.developer;

import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Grants, and the authorization server's own rows (authorizations, consents, rotated refresh
 * tokens) where they are removed together with a grant.
 */
@Repository
class GrantRepository {

    private final JdbcClient jdbc;

    GrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Grant> active(String appId, String principalName) {
        return jdbc.sql("select * from developer_grants where app_id = :app and principal_name = :p and revoked_at is null order by id desc")
                .param("app", appId).param("p", principalName).query(GrantRepository::map).optional();
    }

    Optional<Grant> find(String id) {
        return jdbc.sql("select * from developer_grants where id = :id").param("id", id).query(GrantRepository::map).optional();
    }

    List<Grant> activeOfAccount(String accountId) {
        return jdbc.sql("select * from developer_grants where account_id = :acc and revoked_at is null order by id desc limit 500")
                .param("acc", accountId).query(GrantRepository::map).list();
    }

    void insert(Grant g) {
        jdbc.sql("""
                insert into developer_grants (id, app_id, account_id, principal_name, scopes, departments, withheld_fields, created_at)
                values (:id, :app, :acc, :p, :scopes, :deps, :withheld, :at)""")
                .param("id", g.id()).param("app", g.appId()).param("acc", g.accountId()).param("p", g.principalName())
                .param("scopes", String.join(" ", g.scopes())).param("deps", join(g.departments()))
                .param("withheld", join(g.withheldFields())).param("at", Sql.at(g.createdAt())).update();
    }

    void update(String id, List<String> scopes, List<String> departments, List<String> withheld) {
        jdbc.sql("update developer_grants set scopes = :scopes, departments = :deps, withheld_fields = :withheld where id = :id")
                .param("id", id).param("scopes", String.join(" ", scopes)).param("deps", join(departments))
                .param("withheld", join(withheld)).update();
    }

    boolean revoke(String id, Instant at) {
        return jdbc.sql("update developer_grants set revoked_at = :at where id = :id and revoked_at is null")
                .param("id", id).param("at", Sql.at(at)).update() == 1;
    }

    /** Deletes every authorization (and so every token) and the consent of this app for this person. */
    int removeAuthorizations(String appId, String principalName) {
        jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = :app and principal_name = :p")
                .param("app", appId).param("p", principalName).update();
        jdbc.sql("""
                delete from developer_rotated_refresh_tokens where authorization_id in
                  (select id from oauth2_authorization where registered_client_id = :app and principal_name = :p)""")
                .param("app", appId).param("p", principalName).update();
        return jdbc.sql("delete from oauth2_authorization where registered_client_id = :app and principal_name = :p")
                .param("app", appId).param("p", principalName).update();
    }

    void rememberRotated(String tokenHash, String authorizationId, Instant at) {
        jdbc.sql("insert into developer_rotated_refresh_tokens (token_hash, authorization_id, rotated_at) values (:h, :a, :at)")
                .param("h", tokenHash).param("a", authorizationId).param("at", Sql.at(at)).update();
    }

    Optional<String> rotatedFrom(String tokenHash) {
        return jdbc.sql("select authorization_id from developer_rotated_refresh_tokens where token_hash = :h").param("h", tokenHash)
                .query(String.class).optional();
    }

    /** Housekeeping: authorizations none of whose tokens can be used any more. */
    int removeExpiredAuthorizations(Instant before) {
        jdbc.sql("""
                delete from developer_rotated_refresh_tokens where authorization_id in (select id from oauth2_authorization
                  where coalesce(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at) < :before)""")
                .param("before", Sql.at(before)).update();
        return jdbc.sql("""
                delete from oauth2_authorization
                where coalesce(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at) < :before""")
                .param("before", Sql.at(before)).update();
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(" ", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split(" +"));
    }

    private static Grant map(ResultSet rs, int n) throws SQLException {
        return new Grant(rs.getString("id"), rs.getString("app_id"), rs.getString("account_id"), rs.getString("principal_name"),
                split(rs.getString("scopes")), split(rs.getString("departments")), split(rs.getString("withheld_fields")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "revoked_at"));
    }
}
