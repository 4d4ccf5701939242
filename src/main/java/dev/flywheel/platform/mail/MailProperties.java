package dev.flywheel.platform.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing mail. SMTP itself is configured with Spring's {@code spring.mail.*} properties; with no
 * {@code spring.mail.host}, messages stay in the outbox and the owner reads them in the console.
 *
 * @param from the From header (default {@code Flywheel <no-reply@flywheel.local>})
 * @param maxAttempts delivery attempts before a message is marked failed (default 5)
 * @param retryDelay delay before the first retry, doubled on each further one (default 1m)
 */
@ConfigurationProperties("flywheel.mail")
public record MailProperties(
        @DefaultValue("Flywheel <no-reply@flywheel.local>") String from,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1m") Duration retryDelay) {
}
