package dev.flywheel.identity;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What a password must be; answers with the reason a person can act on, or empty when fine. */
@Component
class PasswordPolicy {

    private final int minLength;

    PasswordPolicy(AccountSecurityProperties properties) {
        this.minLength = properties.minPasswordLength();
    }

    Optional<String> problem(String password, String confirmation, String email) {
        if (password == null || password.length() < minLength) {
            return Optional.of("Use at least " + minLength + " characters; a few unrelated words make a strong password.");
        }
        if (password.length() > 200) {
            return Optional.of("Use at most 200 characters.");
        }
        if (confirmation != null && !password.equals(confirmation)) {
            return Optional.of("The two passwords do not match; type the same password twice.");
        }
        if (email != null && password.toLowerCase(java.util.Locale.ROOT).contains(email.toLowerCase(java.util.Locale.ROOT).split("@")[0])
                && email.split("@")[0].length() >= 4) {
            return Optional.of("Do not use your email name in your password.");
        }
        return Optional.empty();
    }
}
