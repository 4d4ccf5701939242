package dev.flywheel.platform.mail;

import java.time.Instant;

/** A message in the outbox, as the console shows it. */
public record OutboxMessage(String id, String recipient, String subject, String body, String status, int attempts,
        String lastError, Instant createdAt, Instant sentAt) {
}
