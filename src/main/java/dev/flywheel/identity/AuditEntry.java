package dev.flywheel.identity;

import java.time.Instant;

/** One security-relevant action: who did what to which target, from where, and when. */
public record AuditEntry(String id, String organizationId, String actor, String action, String target, String detail,
        String ip, Instant occurredAt) {
}
