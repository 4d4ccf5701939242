package dev.flywheel.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortedHashesTest {

    static String random(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void overlapEqualsASetIntersectionAndIsSymmetric() {
        Random r = new Random(1);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String h = random(r);
            a.add(h);
            if (i % 3 == 0) {
                b.add(h);
            }
            b.add(random(r));
        }
        Set<String> expected = new HashSet<>(a);
        expected.retainAll(new HashSet<>(b));
        SortedHashes x = SortedHashes.ofHex(a);
        SortedHashes y = SortedHashes.ofHex(b);
        assertThat(x.intersect(y)).isEqualTo(expected.size()).isEqualTo(y.intersect(x)).isEqualTo(6_667);
    }

    @Test
    void hashesSharingTheirFirstBytesAreStillComparedInFull() {
        String prefix = "00112233445566778899aabbccddeeff";
        // Same first 16 bytes (the packed sort key and the first words tie), different last bytes.
        List<String> a = List.of(prefix + "0".repeat(32), prefix + "0".repeat(31) + "1", prefix + "f".repeat(32), "ff".repeat(32));
        List<String> b = List.of(prefix + "0".repeat(31) + "1", prefix + "0".repeat(31) + "2", "ff".repeat(32), "00".repeat(32));
        assertThat(SortedHashes.ofHex(a).intersect(SortedHashes.ofHex(b))).isEqualTo(2);
    }

    @Test
    void storedFormRoundTripsAndUnionCountsDistinctAccounts() {
        Random r = new Random(2);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String h = random(r);
            a.add(h);
            b.add(i % 2 == 0 ? h : random(r));
        }
        SortedHashes x = SortedHashes.fromBytes(SortedHashes.ofHex(a).toBytes());
        assertThat(x.size()).isEqualTo(1000);
        assertThat(x.intersect(SortedHashes.ofHex(a))).isEqualTo(1000);
        SortedHashes union = SortedHashes.union(List.of(x, SortedHashes.ofHex(b)));
        assertThat(union.size()).isEqualTo(1500);
        assertThat(union.intersect(SortedHashes.ofHex(b))).isEqualTo(1000);
    }

    @Test
    void refusesDuplicatesAndDamagedStoredValues() {
        String h = "ab".repeat(32);
        assertThatThrownBy(() -> SortedHashes.ofHex(List.of(h, h))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedHashes.fromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        byte[] unsorted = new byte[64];
        unsorted[0] = 1;
        assertThatThrownBy(() -> SortedHashes.fromBytes(unsorted)).isInstanceOf(IllegalArgumentException.class);
    }
}
