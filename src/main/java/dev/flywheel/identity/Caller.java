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

    /**
     * The caller of the current request or console page, empty when nobody is signed in and no
     * credential was sent (public pages, dashboard cards). Where a caller is required, declare a
     * {@code Caller} controller parameter instead.
     */
    public static java.util.Optional<Caller> current() {
        return from(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
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

    /**
     * The caller behind an authentication made by this module (a console user or an API key), if
     * it is one; other modules use this where no controller parameter is available, e.g. inside a
     * security filter chain.
     */
    public static java.util.Optional<Caller> from(org.springframework.security.core.Authentication authentication) {
        if (authentication == null) {
            return java.util.Optional.empty();
        }
        if (authentication.getPrincipal() instanceof Caller caller) {
            return java.util.Optional.of(caller);
        }
        if (authentication.getPrincipal() instanceof CallerHolder holder) {
            return java.util.Optional.of(holder.caller());
        }
        return java.util.Optional.empty();
    }

    /** The owner sees every organization; anyone else only their own. */
    public boolean canSee(String organizationId) {
        return isOwner() || this.organizationId.equals(organizationId);
    }
}
