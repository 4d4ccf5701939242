package dev.flywheel.developer;

import dev.flywheel.platform.Secrets;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a presented client secret against the SHA-256 hashes of the app's valid secrets,
 * encoded as {@code {fw-sha256}hash1,hash2}. Comparison is constant-time per hash. An app with
 * no valid secret has an encoded value that matches nothing.
 */
final class ClientSecretHashes implements PasswordEncoder {

    private static final String PREFIX = "{fw-sha256}";

    static String encode(List<String> hashes) {
        return PREFIX + String.join(",", hashes);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return PREFIX + Secrets.sha256Hex(rawPassword.toString());
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !encodedPassword.startsWith(PREFIX)) {
            return false;
        }
        String presented = Secrets.sha256Hex(rawPassword.toString());
        boolean match = false;
        for (String hash : encodedPassword.substring(PREFIX.length()).split(",")) {
            if (!hash.isEmpty() && Secrets.constantTimeEquals(presented, hash)) {
                match = true;
            }
        }
        return match;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return false;
    }
}
