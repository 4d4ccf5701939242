package dev.flywheel.identity;

import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    /** What sign-in needs to know about a user, including the secrets the console never shows. */
    record Credentials(User user, String passwordHash, int failedLogins, Instant lockedUntil) {
    }

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(User u, String passwordHash) {
        jdbc.sql("""
                insert into users (id, organization_id, email, name, role, status, password_hash, failed_logins, created_at)
                values (:id, :org, :email, :name, :role, :status, :hash, 0, :createdAt)""")
                .param("id", u.id()).param("org", u.organizationId()).param("email", normalizeEmail(u.email()))
                .param("name", u.name()).param("role", u.role().name()).param("status", u.status().name())
                .param("hash", passwordHash).param("createdAt", Sql.at(u.createdAt()))
                .update();
    }

    Optional<User> find(String id) {
        return jdbc.sql("select * from users where id = :id").param("id", id).query(UserRepository::map).optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("select * from users where email = :email").param("email", normalizeEmail(email)).query(UserRepository::map).optional();
    }

    Optional<Credentials> credentials(String email) {
        return jdbc.sql("select * from users where email = :email").param("email", normalizeEmail(email))
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"), rs.getInt("failed_logins"),
                        Sql.instant(rs, "locked_until")))
                .optional();
    }

    List<User> ofOrganization(String organizationId) {
        return jdbc.sql("select * from users where organization_id = :org order by id").param("org", organizationId)
                .query(UserRepository::map).list();
    }

    CursorPage<User> page(String organizationId, PageQuery query) {
        List<User> rows = jdbc.sql("""
                select * from users where organization_id = :org and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("org", organizationId).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(UserRepository::map).list();
        return CursorPage.of(rows, query, User::id);
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    void activate(String id, String name, String passwordHash) {
        jdbc.sql("update users set status = 'ACTIVE', name = :name, password_hash = :hash, failed_logins = 0, locked_until = null where id = :id")
                .param("id", id).param("name", name).param("hash", passwordHash).update();
    }

    void setPassword(String id, String passwordHash) {
        jdbc.sql("update users set password_hash = :hash, failed_logins = 0, locked_until = null where id = :id")
                .param("id", id).param("hash", passwordHash).update();
    }

    void setStatus(String id, UserStatus status) {
        jdbc.sql("update users set status = :status where id = :id").param("id", id).param("status", status.name()).update();
    }

    void recordFailure(String id, int failedLogins, Instant lockedUntil) {
        jdbc.sql("update users set failed_logins = :failed, locked_until = :locked where id = :id")
                .param("id", id).param("failed", failedLogins).param("locked", Sql.at(lockedUntil)).update();
    }

    void recordSuccess(String id, Instant at) {
        jdbc.sql("update users set failed_logins = 0, locked_until = null, last_login_at = :at where id = :id")
                .param("id", id).param("at", Sql.at(at)).update();
    }

    static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs, int n) throws SQLException {
        return new User(rs.getString("id"), rs.getString("organization_id"), rs.getString("email"), rs.getString("name"),
                Role.valueOf(rs.getString("role")), UserStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_login_at"));
    }
}
