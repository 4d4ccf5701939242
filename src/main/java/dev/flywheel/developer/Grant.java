package dev.flywheel.developer;

import java.time.Instant;
import java.util.List;

/**
 * A customer's consent for an app: which scopes, optionally only some departments of the account,
 * and fields withheld from the app ({@code resource.field}, e.g. {@code contacts.phone}).
 */
public record Grant(String id, String appId, String accountId, String principalName, List<String> scopes, List<String> departments,
        List<String> withheldFields, Instant createdAt, Instant revokedAt) {
}
