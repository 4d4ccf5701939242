package dev.flywheel.mapping;

import java.time.Instant;
import java.util.List;

/** A list of accounts one side of a partnership loaded, with the policy for the other side. */
record Population(String id, String partnershipId, String partnerId, Side side, String name, PopulationKind kind, SharingPolicy policy,
        List<String> sharedFields, long records, long skipped, Instant loadedAt, Instant createdAt) {

    enum Side {
        OWNER, PARTNER;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Side other() {
            return this == OWNER ? PARTNER : OWNER;
        }
    }
}
