package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.util.List;

/**
 * An API key as it may be shown after creation: never the secret, only its display prefix.
 *
 * @param scopes the scopes the key is limited to, or null for a key that may do everything its organization may
 */
public record ApiKey(String id, String organizationId, Mode mode, String name, String displayPrefix, String createdBy,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, List<String> scopes) {

    public ApiKey {
        scopes = scopes == null ? null : List.copyOf(scopes);
    }

    public ApiKey(String id, String organizationId, Mode mode, String name, String displayPrefix, String createdBy,
            Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
        this(id, organizationId, mode, name, displayPrefix, createdBy, createdAt, expiresAt, revokedAt, lastUsedAt, null);
    }

    public boolean isActiveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** What the key may reach: its scopes, or everything when it has none. */
    public Access access() {
        return Access.scoped(scopes);
    }
}
