package dev.flywheel.platform;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Opaque, prefixed, sortable identifiers such as {@code prt_01jd3k0q8m9v2x4y6z7a8b9c0d}.
 *
 * <p>The part after the prefix is a ULID (48 bits of milliseconds, 80 random bits, Crockford
 * base32, lower case), so identifiers sort by creation time and cursor paging can use them
 * directly. Within one millisecond the random part is incremented, which keeps identifiers made
 * by one node strictly increasing.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final Pattern SHAPE = Pattern.compile("[a-z]{2,5}_[0-9a-hjkmnp-tv-z]{26}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();

    private static long lastMillis;
    private static long randomHigh; // 16 bits
    private static long randomLow; // 64 bits

    private Ids() {
    }

    /** A new identifier with the given prefix, e.g. {@code next("prt")}. */
    public static String next(String prefix) {
        long millis;
        long high;
        long low;
        synchronized (Ids.class) {
            millis = Math.max(CLOCK.millis(), lastMillis);
            if (millis == lastMillis) {
                randomLow++;
                if (randomLow == 0) {
                    randomHigh = (randomHigh + 1) & 0xFFFF;
                }
            } else {
                lastMillis = millis;
                randomHigh = RANDOM.nextInt(1 << 16);
                randomLow = RANDOM.nextLong();
            }
            high = randomHigh;
            low = randomLow;
        }
        char[] out = new char[26];
        // 128 bits = 48 time + 16 high random + 64 low random, written as 26 base32 digits (130 bits, top 2 zero).
        long hi64 = (millis << 16) | high;
        for (int i = 25; i >= 0; i--) {
            int index = (int) (low & 31);
            out[i] = ALPHABET[index];
            low = (low >>> 5) | ((hi64 & 31) << 59);
            hi64 >>>= 5;
        }
        return prefix + "_" + new String(out);
    }

    /** Whether {@code id} has the shape of an identifier with this prefix (it may still not exist). */
    public static boolean looksLike(String prefix, String id) {
        return id != null && id.startsWith(prefix + "_") && SHAPE.matcher(id).matches();
    }
}
