package dev.flywheel.webhooks;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A URL that receives webhooks.
 *
 * @param organizationId whose endpoint it is: the owner's own, or (with {@code appId}) the partner's whose app it serves
 * @param appId the partner app whose endpoint it is (it receives the events of the accounts that installed the app,
 *        through its install-scoped subscriptions); null for the owner's own endpoints
 * @param eventTypes the types it receives; {@code *} means every type (for an app endpoint: every type its installs' scopes allow)
 * @param origin how it was created: {@code api}, {@code console} or {@code rest_hook} (an automation platform's subscription)
 * @param rateLimit most deliveries per second, or null for no limit
 * @param secretVersion increases with every rotation, so cached secrets are never used after one
 * @param failingSince start of the current run of failed attempts, null while deliveries succeed
 * @param pinnedVersions event type to the schema version this endpoint is pinned to; types not
 *        listed are delivered in whatever version they were published
 */
public record Endpoint(String id, String organizationId, String appId, Mode mode, String url, String description, List<String> eventTypes,
        String origin, EndpointStatus status, String disabledReason, Integer rateLimit, int secretVersion, Instant failingSince,
        Map<String, Integer> pinnedVersions, Instant createdAt, Instant updatedAt) {

    public static final String ALL_TYPES = "*";

    public boolean subscribes(String type) {
        return eventTypes.contains(ALL_TYPES) || eventTypes.contains(type);
    }

    /** The schema version this endpoint is pinned to for the type, or null. */
    public Integer pinnedVersion(String type) {
        return pinnedVersions.get(type);
    }

    /** Whether a partner app owns it, so it receives only what its installs allow. */
    public boolean forApp() {
        return appId != null;
    }

    public boolean enabled() {
        return status == EndpointStatus.ENABLED;
    }
}
