package dev.flywheel.platform.mail;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sends email through the outbox: a message is written in the caller's transaction, so it goes
 * out if and only if the work that caused it commits, and {@link MailDispatcher} delivers it.
 */
@Service
public class Mailer {

    private final JdbcClient jdbc;
    private final Clock clock;

    Mailer(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a plain-text message; returns its outbox id. */
    public String send(String to, String subject, String text) {
        String id = Ids.next("msg");
        Instant now = clock.instant();
        jdbc.sql("""
                insert into mail_outbox (id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
                values (:id, :to, :subject, :body, 'pending', 0, :now, :now)""")
                .param("id", id).param("to", to).param("subject", subject).param("body", text).param("now", Sql.at(now))
                .update();
        return id;
    }
}
