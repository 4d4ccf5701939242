package dev.flywheel.developer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals short secrets (private signing keys) with AES-256-GCM under a key derived from the
 * installation secret. The sealed form is {@code v1.<base64 nonce>.<base64 ciphertext+tag>}.
 */
final class KeySealer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    KeySealer(String installationSecret) {
        if (installationSecret == null || installationSecret.length() < 16) {
            throw new IllegalArgumentException("The key secret must be at least 16 characters");
        }
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("flywheel-signing-keys:" + installationSecret).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    String seal(String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "v1." + b64.encodeToString(nonce) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    String open(String sealed) {
        String[] parts = sealed.split("\\.");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalStateException("Unknown sealed key format");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[1])));
            return new String(cipher.doFinal(b64.decode(parts[2])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A signing key cannot be opened: the key secret (FLYWHEEL_KEY_SECRET) differs from the one it was sealed with", e);
        }
    }
}
