package dev.flywheel.developer;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.util.List;

/**
 * An app a partner (or the owner) registered: an OAuth client of this server.
 *
 * @param organizationId the organization that registered it and answers for it
 * @param apiVersion the API version its calls default to when they do not name one
 */
public record App(String id, String organizationId, Mode mode, String name, String clientId, ClientType clientType,
        List<String> redirectUris, List<String> scopes, String logoUrl, String homepageUrl, String privacyUrl, String termsUrl,
        String apiVersion, Instant createdAt, Instant updatedAt, Instant disabledAt) {

    public boolean isActive() {
        return disabledAt == null;
    }
}
