package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.web.ApiException;

/**
 * Who is making the current request: a signed-in user or an API key, always on behalf of one
 * organization and in one mode. Controllers declare a {@code Caller} parameter to receive it.
 *
 * @param actorId the user's ({@code usr_…}) or key's ({@code key_…}) id
 * @param role the user's role; null for API keys, which act for their organization
 * @param label how the actor appears in the audit log (an email or a key's name and prefix)
 */
public record Caller(String actorId, String organizationId, OrganizationKind organizationKind, Role role, Mode mode,
        String label) {

    /** The caller of the current request or console page, if anyone is signed in (e.g. for dashboard cards). */
    public static java.util.Optional<Caller> current() {
        return CallerArgumentResolver.current();
    }

    public boolean isOwner() {
        return organizationKind == OrganizationKind.OWNER;
    }

    public boolean isApiKey() {
        return role == null;
    }

    /** Owner keys and owner admins may change owner settings; other owner roles may not. */
    public boolean isOwnerAdmin() {
        return isOwner() && (role == null || role == Role.OWNER_ADMIN);
    }

    public void requireOwner() {
        if (!isOwner()) {
            throw ApiException.forbidden("Only the owner organization may do this; this credential belongs to a "
                    + organizationKind.name().toLowerCase(java.util.Locale.ROOT) + " organization.");
        }
    }

    public void requireOwnerAdmin() {
        if (!isOwnerAdmin()) {
            throw ApiException.forbidden("Only an owner admin or an owner API key may do this.");
        }
    }

    /** The owner sees every organization; anyone else only their own. */
    public boolean canSee(String organizationId) {
        return isOwner() || this.organizationId.equals(organizationId);
    }
}
