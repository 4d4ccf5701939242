package dev.flywheel.identity;

import java.time.Instant;

/** A person who signs in to the console, always a member of one organization. */
public record User(String id, String organizationId, String email, String name, Role role, UserStatus status,
        Instant createdAt, Instant lastLoginAt) implements java.io.Serializable {
}
