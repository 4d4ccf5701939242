package dev.flywheel.platform.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox over SMTP. Each message is claimed with a conditional update, so any
 * number of nodes can run this loop and a message is handed to SMTP by one of them only. With no
 * SMTP configured, messages are parked as {@code held} for the owner to read in the console.
 */
@Component
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;
    private final Clock clock;

    MailDispatcher(Outbox outbox, ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder("flywheel.mail.outbox.pending", () -> outbox.countByStatus("pending"))
                .description("Messages waiting to be sent").register(meters);
    }

    @Scheduled(fixedDelayString = "${flywheel.mail.poll-interval:PT1S}")
    void deliverDue() {
        Instant now = clock.instant();
        outbox.reclaimStuck(now.minus(STUCK_AFTER));
        for (String id : outbox.due(now, 50)) {
            if (outbox.claim(id, now)) {
                outbox.find(id).ifPresent(this::deliver);
            }
        }
    }

    private void deliver(OutboxMessage message) {
        JavaMailSender smtp = sender.getIfAvailable();
        Instant now = clock.instant();
        if (smtp == null) {
            outbox.mark(message.id(), "held", "No SMTP server is configured (spring.mail.host); read the message here.", null, null);
            return;
        }
        try {
            MimeMessage mime = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
            helper.setFrom(new InternetAddress(properties.from()));
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            smtp.send(mime);
            outbox.mark(message.id(), "sent", null, null, now);
        } catch (Exception e) {
            boolean giveUp = message.attempts() >= properties.maxAttempts();
            Instant next = now.plus(properties.retryDelay().multipliedBy(1L << Math.min(message.attempts() - 1, 10)));
            log.warn("Sending message {} failed (attempt {}): {}", message.id(), message.attempts(), e.getMessage());
            outbox.mark(message.id(), giveUp ? "failed" : "pending", abbreviate(e.getMessage()), next, null);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "unknown error";
        }
        return text.length() > 900 ? text.substring(0, 900) : text;
    }
}
