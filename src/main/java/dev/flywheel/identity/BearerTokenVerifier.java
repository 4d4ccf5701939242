package dev.flywheel.identity;

import java.util.Optional;

/**
 * Verifies bearer tokens on the API that are not Flywheel API keys ({@code fw_…}), such as OAuth
 * access tokens; another module declares a bean of this type. The API filter asks each verifier
 * in turn and uses the first caller returned.
 */
public interface BearerTokenVerifier {

    /**
     * The caller behind the token, or empty if this verifier does not recognise the kind of token.
     *
     * @throws Rejected when the token is of this verifier's kind but not valid (expired, revoked, forged)
     */
    Optional<Caller> verify(String token);

    /** A token this verifier recognised and refused; the message tells the client what to do. */
    final class Rejected extends RuntimeException {

        public Rejected(String message) {
            super(message);
        }
    }
}
