package dev.flywheel.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.support.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

@Tag("database")
class MailDeliveryTest extends IntegrationTest {

    @Autowired
    Mailer mailer;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MailProperties properties;

    @Test
    void aQueuedMessageReachesTheSmtpServerOnceAndIsMarkedSent() throws Exception {
        String to = uniqueEmail("reader");
        String id = transactions.execute(s -> mailer.send(to, "Hello from the outbox", "Body text"));

        var received = awaitMailTo(to);
        assertThat(received.getSubject()).isEqualTo("Hello from the outbox");
        assertThat(received.getFrom()[0].toString()).contains("no-reply@flywheel.local");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> outbox.find(id).orElseThrow().status().equals("sent"));
        assertThat(messagesTo(to)).hasSize(1);
    }

    @Test
    void aMessageInARolledBackTransactionIsNeverSent() {
        String to = uniqueEmail("ghost");
        transactions.executeWithoutResult(s -> {
            mailer.send(to, "Never", "This transaction rolls back");
            s.setRollbackOnly();
        });
        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :to").param("to", to).query(Long.class).single()).isZero();
    }

    @Test
    void withoutSmtpMessagesAreHeldForTheOwnerToRead() {
        String to = uniqueEmail("held");
        // Parked in the future before it is committed, so the running dispatcher never sees it due
        // and leaves it to the SMTP-less one below.
        Instant later = Instant.now().plus(Duration.ofDays(365));
        String id = transactions.execute(s -> {
            String queued = mailer.send(to, "Held", "Read me in the console");
            jdbc.sql("update mail_outbox set next_attempt_at = :at where id = :id").param("at", Sql.at(later)).param("id", queued).update();
            return queued;
        });

        ObjectProvider<JavaMailSender> noSmtp = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
        MailDispatcher dispatcher = new MailDispatcher(outbox, noSmtp, properties,
                Clock.fixed(later.plusSeconds(1), ZoneOffset.UTC), new SimpleMeterRegistry());
        dispatcher.deliverDue();

        OutboxMessage held = outbox.find(id).orElseThrow();
        assertThat(held.status()).isEqualTo("held");
        assertThat(held.lastError()).contains("spring.mail.host");
        assertThat(messagesTo(to)).isEmpty();
    }
}
