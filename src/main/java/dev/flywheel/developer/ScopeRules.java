package dev.flywheel.developer;

import java.util.Map;
import java.util.Optional;

/**
 * Which scope an API endpoint needs from a restricted credential (an OAuth access token, or an API
 * key issued with scopes): the resource is the first path segment after the version, and reading
 * ({@code GET}, {@code HEAD}) needs {@code resource:read}, anything else {@code resource:write}.
 * Endpoints outside the scope catalog's resources need an unrestricted key.
 */
final class ScopeRules {

    /** What a restricted credential needs: a scope, nothing ({@code open}), or an unrestricted key ({@code scope} null). */
    record Requirement(String scope, boolean open) {

        static final Requirement OPEN = new Requirement(null, true);
        static final Requirement UNRESTRICTED_ONLY = new Requirement(null, false);
    }

    /** API path resource → scope catalog resource. */
    private static final Map<String, String> RESOURCES = Map.of(
            "accounts", "accounts",
            "events", "events",
            "event-types", "events",
            "webhook-endpoints", "webhooks",
            "rest-hooks", "webhooks",
            "deals", "deals",
            "contacts", "contacts");

    private ScopeRules() {
    }

    /** @param servedPath the path as the controllers serve it, e.g. {@code /api/v1/accounts/cus-1} */
    static Requirement required(String method, String servedPath) {
        String resource = resourceOf(servedPath).orElse("");
        if (resource.equals("scopes") && isRead(method)) {
            return Requirement.OPEN;
        }
        String catalog = RESOURCES.get(resource);
        if (catalog == null) {
            return Requirement.UNRESTRICTED_ONLY;
        }
        return new Requirement(catalog + (isRead(method) ? ":read" : ":write"), false);
    }

    /** The catalog resource a path serves ({@code contacts} for {@code /api/v1/contacts/…}), for withheld fields. */
    static Optional<String> catalogResourceOf(String servedPath) {
        return resourceOf(servedPath).map(RESOURCES::get);
    }

    static Optional<String> resourceOf(String servedPath) {
        if (servedPath == null || !servedPath.startsWith("/api/v")) {
            return Optional.empty();
        }
        String[] parts = servedPath.split("/");
        // ["", "api", "v1", "resource", ...]
        return parts.length > 3 && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }

    private static boolean isRead(String method) {
        return "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
    }
}
