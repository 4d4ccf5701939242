package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import java.time.Instant;

/** An API key as it may be shown after creation: never the secret, only its display prefix. */
public record ApiKey(String id, String organizationId, Mode mode, String name, String displayPrefix, String createdBy,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
