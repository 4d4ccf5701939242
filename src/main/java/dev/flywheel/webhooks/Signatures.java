package dev.flywheel.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: the secret is {@code whsec_} followed by the base64 of random bytes;
 * the signature of a message is {@code v1,} followed by the base64 of HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} keyed with those bytes. With several secrets (a
 * rotation in progress) the header carries one signature per secret, separated by spaces.
 */
final class Signatures {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 bytes: the specification asks for between 24 and 64. */
    private static final int SECRET_BYTES = 32;
    /** One Mac per thread: looking the algorithm up through the security providers costs more than signing a small body. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    private Signatures() {
    }

    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] keyOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A signing secret starts with " + PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** The {@code webhook-signature} header value: one {@code v1,<base64>} per secret, space-separated. */
    static String header(String messageId, long timestampSeconds, String body, List<byte[]> keys) {
        StringBuilder out = new StringBuilder();
        for (byte[] key : keys) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append("v1,").append(sign(messageId, timestampSeconds, body, key));
        }
        return out.toString();
    }

    static String sign(String messageId, long timestampSeconds, String body, byte[] key) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
