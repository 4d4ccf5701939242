package dev.flywheel.identity;

import java.util.List;
import java.util.Set;

/**
 * What a credential may reach, beyond its organization and mode: the scopes of an API key or an
 * OAuth access token, and for a token a customer granted, the account it is limited to, the
 * departments chosen on the consent page and the fields withheld from the app
 * ({@code resource.field}, e.g. {@code contacts.phone}).
 *
 * @param scopes the scopes held, or null for an unrestricted credential (console users, keys issued without scopes)
 * @param accountId the customer account a granted token acts on, or null
 */
public record Access(Set<String> scopes, String accountId, List<String> departments, Set<String> withheldFields) {

    /** No restriction: every scope, every account the organization may see, every field. */
    public static final Access FULL = new Access(null, null, List.of(), Set.of());

    public Access {
        scopes = scopes == null ? null : Set.copyOf(scopes);
        departments = departments == null ? List.of() : List.copyOf(departments);
        withheldFields = withheldFields == null ? Set.of() : Set.copyOf(withheldFields);
    }

    public static Access scoped(java.util.Collection<String> scopes) {
        return new Access(scopes == null ? null : Set.copyOf(scopes), null, List.of(), Set.of());
    }

    public boolean isRestricted() {
        return scopes != null || accountId != null || !withheldFields.isEmpty();
    }

    /** True when the credential holds the scope; {@code resource:write} includes {@code resource:read}. */
    public boolean allows(String scope) {
        if (scopes == null) {
            return true;
        }
        if (scopes.contains(scope)) {
            return true;
        }
        return scope.endsWith(":read") && scopes.contains(scope.substring(0, scope.length() - 5) + ":write");
    }

    /** The fields of one resource (e.g. {@code contacts}) withheld from this credential. */
    public Set<String> withheldOf(String resource) {
        String prefix = resource + ".";
        return withheldFields.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length()))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
