package dev.flywheel.developer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a redirect URI must follow to be registered (OAuth 2.1 §2.3 and the security BCP):
 * absolute, no fragment, no wildcard, {@code https} — or {@code http} only on the loopback
 * interface, for native apps and local development. At authorization time the URI must then
 * match a registered one exactly (loopback URIs may use any port, as RFC 8252 requires).
 */
final class RedirectUris {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    /** Why this URI cannot be registered, or empty if it can. */
    static Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (value.length() > 500) {
            return Optional.of("must be at most 500 characters");
        }
        if (value.contains("*")) {
            return Optional.of("must not contain wildcards; register each exact URI");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("must be an absolute URI such as https://app.example.com/callback");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a #fragment");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            return LOOPBACK.contains(host) ? Optional.empty()
                    : Optional.of("must use https; plain http is allowed only on localhost, 127.0.0.1 or [::1]");
        }
        return Optional.of("must use https (or http on localhost)");
    }

    /** Whether a web URL for a logo, homepage, privacy policy or terms is acceptable. */
    static Optional<String> webUrlProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || value.length() > 500) {
                return Optional.of("must be an https URL of at most 500 characters");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
    }
}
