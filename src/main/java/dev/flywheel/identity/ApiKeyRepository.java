package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ApiKey k, String keyHash) {
        jdbc.sql("""
                insert into api_keys (id, organization_id, mode, name, display_prefix, key_hash, created_by, created_at, expires_at, scopes)
                values (:id, :org, :mode, :name, :prefix, :hash, :createdBy, :createdAt, :expiresAt, :scopes)""")
                .param("id", k.id()).param("org", k.organizationId()).param("mode", k.mode().wire()).param("name", k.name())
                .param("prefix", k.displayPrefix()).param("hash", keyHash).param("createdBy", k.createdBy())
                .param("createdAt", Sql.at(k.createdAt())).param("expiresAt", Sql.at(k.expiresAt()))
                .param("scopes", k.scopes() == null ? null : String.join(" ", k.scopes()))
                .update();
    }

    Optional<ApiKey> findByHash(String keyHash) {
        return jdbc.sql("select * from api_keys where key_hash = :hash").param("hash", keyHash).query(ApiKeyRepository::map).optional();
    }

    Optional<ApiKey> find(String id) {
        return jdbc.sql("select * from api_keys where id = :id").param("id", id).query(ApiKeyRepository::map).optional();
    }

    List<ApiKey> ofOrganization(String organizationId) {
        return jdbc.sql("select * from api_keys where organization_id = :org order by id desc").param("org", organizationId)
                .query(ApiKeyRepository::map).list();
    }

    boolean revoke(String id, Instant at) {
        return jdbc.sql("update api_keys set revoked_at = :at where id = :id and revoked_at is null")
                .param("id", id).param("at", Sql.at(at)).update() == 1;
    }

    /** Makes the key expire at {@code until} unless it expires sooner already (the old key of a rotation). */
    void expireBy(String id, Instant until) {
        jdbc.sql("update api_keys set expires_at = :until where id = :id and (expires_at is null or expires_at > :until)")
                .param("id", id).param("until", Sql.at(until)).update();
    }

    void touch(String id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = :at where id = :id").param("id", id).param("at", Sql.at(at)).update();
    }

    long countActive(Instant now) {
        return jdbc.sql("select count(*) from api_keys where revoked_at is null and (expires_at is null or expires_at > :now)")
                .param("now", Sql.at(now)).query(Long.class).single();
    }

    private static ApiKey map(ResultSet rs, int n) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("organization_id"), Mode.fromWire(rs.getString("mode")),
                rs.getString("name"), rs.getString("display_prefix"), rs.getString("created_by"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"),
                Sql.instant(rs, "last_used_at"), scopes(rs.getString("scopes")));
    }

    private static List<String> scopes(String spaceSeparated) {
        return spaceSeparated == null ? null : spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split(" +"));
    }
}
