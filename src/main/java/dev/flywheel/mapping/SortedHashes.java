package dev.flywheel.mapping;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * A population's keyed account hashes (32-byte HMAC-SHA-256), sorted, as four {@code long}s each,
 * so two populations' overlap is an exact merge of two sorted arrays: no hash table, no strings.
 *
 * <p>Sorting packs each hash's leading bits with its index into one {@code long} and sorts those
 * primitives; hashes whose leading bits tie are then ordered by all 256 bits. Comparisons in the
 * merge always use all 256 bits, so the count is exact, never a probabilistic estimate. Order is
 * unsigned lexicographic over the bytes.
 */
final class SortedHashes {

    static final int BYTES = 32;
    private static final int WORDS = 4;
    private static final SortedHashes EMPTY = new SortedHashes(new long[0]);

    private final long[] words;

    private SortedHashes(long[] words) {
        this.words = words;
    }

    int size() {
        return words.length / WORDS;
    }

    /** From hex HMACs as stored in {@code mapping_records.account_hmac}, in any order, without duplicates. */
    static SortedHashes ofHex(Collection<String> hex) {
        long[] w = new long[hex.size() * WORDS];
        int i = 0;
        for (String h : hex) {
            if (h.length() != BYTES * 2) {
                throw new IllegalArgumentException("not a 32-byte hash: " + h.length() + " hex digits");
            }
            for (int k = 0; k < WORDS; k++) {
                w[i++] = HexFormat.fromHexDigitsToLong(h, k * 16, k * 16 + 16);
            }
        }
        return sort(w);
    }

    /** The stored form: the sorted hashes, 32 bytes each, back to back. */
    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(words.length * Long.BYTES);
        b.asLongBuffer().put(words);
        return b.array();
    }

    /** From {@link #toBytes()}. */
    static SortedHashes fromBytes(byte[] bytes) {
        if (bytes.length % BYTES != 0) {
            throw new IllegalArgumentException("stored hashes are " + bytes.length + " bytes, not a multiple of " + BYTES);
        }
        long[] w = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).asLongBuffer().get(w);
        for (int i = WORDS; i < w.length; i += WORDS) {
            if (compare(w, i - WORDS, w, i) >= 0) {
                throw new IllegalArgumentException("stored hashes are not sorted and distinct");
            }
        }
        return new SortedHashes(w);
    }

    /** How many hashes are in both. */
    long intersect(SortedHashes other) {
        long[] a = words;
        long[] b = other.words;
        int i = 0;
        int j = 0;
        long n = 0;
        while (i < a.length && j < b.length) {
            int c = compare(a, i, b, j);
            if (c == 0) {
                n++;
                i += WORDS;
                j += WORDS;
            } else if (c < 0) {
                i += WORDS;
            } else {
                j += WORDS;
            }
        }
        return n;
    }

    /** The distinct hashes of several populations. */
    static SortedHashes union(List<SortedHashes> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        SortedHashes out = parts.get(0);
        for (int p = 1; p < parts.size(); p++) {
            out = merge(out, parts.get(p));
        }
        return out;
    }

    private static SortedHashes merge(SortedHashes x, SortedHashes y) {
        long[] a = x.words;
        long[] b = y.words;
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < a.length || j < b.length) {
            int c = i == a.length ? 1 : j == b.length ? -1 : compare(a, i, b, j);
            if (c <= 0) {
                System.arraycopy(a, i, out, o, WORDS);
                i += WORDS;
                if (c == 0) {
                    j += WORDS;
                }
            } else {
                System.arraycopy(b, j, out, o, WORDS);
                j += WORDS;
            }
            o += WORDS;
        }
        return new SortedHashes(Arrays.copyOf(out, o));
    }

    private static int compare(long[] a, int i, long[] b, int j) {
        for (int k = 0; k < WORDS; k++) {
            int c = Long.compareUnsigned(a[i + k], b[j + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Sorts the hashes (unsigned lexicographic); fails on duplicates, which a population never holds. */
    private static SortedHashes sort(long[] w) {
        int n = w.length / WORDS;
        if (n == 0) {
            return EMPTY;
        }
        int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
        long indexMask = (1L << indexBits) - 1;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // Flipping the sign bit makes signed order of the leading word its unsigned order.
            keys[i] = ((w[i * WORDS] ^ Long.MIN_VALUE) & ~indexMask) | i;
        }
        Arrays.sort(keys);
        long[] out = new long[w.length];
        int o = 0;
        for (int s = 0; s < n;) {
            int e = s + 1;
            while (e < n && (keys[e] & ~indexMask) == (keys[s] & ~indexMask)) {
                e++;
            }
            if (e - s > 1) {
                sortRun(w, keys, s, e, indexMask);
            }
            for (int k = s; k < e; k++) {
                System.arraycopy(w, (int) (keys[k] & indexMask) * WORDS, out, o, WORDS);
                if (o > 0 && compare(out, o - WORDS, out, o) == 0) {
                    throw new IllegalArgumentException("duplicate hash in a population");
                }
                o += WORDS;
            }
            s = e;
        }
        return new SortedHashes(out);
    }

    /** Orders a run of hashes whose leading bits tie by all their bits (runs are tiny: the hashes are uniform). */
    private static void sortRun(long[] w, long[] keys, int from, int to, long indexMask) {
        Integer[] idx = new Integer[to - from];
        for (int k = from; k < to; k++) {
            idx[k - from] = (int) (keys[k] & indexMask);
        }
        Arrays.sort(idx, (x, y) -> compare(w, x * WORDS, w, y * WORDS));
        for (int k = from; k < to; k++) {
            keys[k] = (keys[k] & ~indexMask) | idx[k - from];
        }
    }
}
