package dev.flywheel.identity;

import dev.flywheel.platform.jdbc.Sql;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use emailed links; only the SHA-256 of the token is stored. */
@Repository
class UserTokenRepository {

    enum Purpose { INVITATION, RESET }

    record Token(String id, String userId, Purpose purpose, Instant expiresAt, Instant usedAt) {
    }

    private final JdbcClient jdbc;

    UserTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String userId, Purpose purpose, String tokenHash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                insert into user_tokens (id, user_id, purpose, token_hash, expires_at, created_at)
                values (:id, :user, :purpose, :hash, :expires, :now)""")
                .param("id", id).param("user", userId).param("purpose", purpose.name()).param("hash", tokenHash)
                .param("expires", Sql.at(expiresAt)).param("now", Sql.at(now))
                .update();
    }

    Optional<Token> findByHash(String tokenHash) {
        return jdbc.sql("select * from user_tokens where token_hash = :hash").param("hash", tokenHash)
                .query((rs, n) -> new Token(rs.getString("id"), rs.getString("user_id"), Purpose.valueOf(rs.getString("purpose")),
                        Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at")))
                .optional();
    }

    /** Marks the token used; false if it was used already (a concurrent second use loses). */
    boolean use(String id, Instant now) {
        return jdbc.sql("update user_tokens set used_at = :now where id = :id and used_at is null")
                .param("id", id).param("now", Sql.at(now)).update() == 1;
    }

    /** Invalidates every open token of a purpose for a user, e.g. older reset links after a reset. */
    void expireOpen(String userId, Purpose purpose, Instant now) {
        jdbc.sql("update user_tokens set used_at = :now where user_id = :user and purpose = :purpose and used_at is null")
                .param("user", userId).param("purpose", purpose.name()).param("now", Sql.at(now)).update();
    }
}
