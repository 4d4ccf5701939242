package dev.flywheel.webhooks;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which event types a partner app may receive, given scopes: the one published rule.
 *
 * <ul>
 * <li>Types Flywheel itself emits (origin {@code flywheel}: installs, payouts, tiers, reviews…) are
 *     for the owner and never go to an app endpoint.</li>
 * <li>{@code events:read} (or {@code events:write}) allows every product event of the account, as it
 *     does on the pull API ({@code GET /api/v1/events}).</li>
 * <li>Otherwise a product type needs read access to its resource: the first part of its name, as
 *     is or plural ({@code deal.closed_won} → {@code deals:read}, {@code contact.created} →
 *     {@code contacts:read}, {@code account.updated} → {@code accounts:read}); {@code :write}
 *     includes {@code :read}.</li>
 * </ul>
 * Pure; used when an app creates an endpoint (against the app's declared scopes: what it can
 * never be allowed is refused) and on every delivery (against the scopes the install's customer consented to).
 */
final class EventScopes {

    static final String ALL_EVENTS = "events:read";

    private EventScopes() {
    }

    /** Whether scopes allow a product event type (Flywheel's own types are never allowed; check the origin first). */
    static boolean allows(String type, Collection<String> scopes) {
        return missing(type, scopes).isEmpty();
    }

    /** Empty when the scopes allow the product type; otherwise the scopes, any of which would allow it. */
    static Optional<List<String>> missing(String type, Collection<String> scopes) {
        if (holds(scopes, "events")) {
            return Optional.empty();
        }
        String resource = resource(type);
        if (holds(scopes, resource) || holds(scopes, resource + "s")) {
            return Optional.empty();
        }
        return Optional.of(List.of(plural(resource) + ":read", ALL_EVENTS));
    }

    static boolean isFlywheelOrigin(String origin) {
        return "flywheel".equals(origin);
    }

    private static boolean holds(Collection<String> scopes, String resource) {
        return scopes.contains(resource + ":read") || scopes.contains(resource + ":write");
    }

    private static String resource(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    private static String plural(String resource) {
        return resource.endsWith("s") ? resource : resource + "s";
    }
}
