package dev.flywheel.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void carriesItsPrefixAndAFixedShape() {
        String id = Ids.next("prt");
        assertThat(id).startsWith("prt_").hasSize(4 + 26);
        assertThat(Ids.looksLike("prt", id)).isTrue();
        assertThat(Ids.looksLike("app", id)).isFalse();
    }

    @Test
    void sortsInCreationOrderEvenWithinOneMillisecond() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next("evt"));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);
        assertThat(sorted).isEqualTo(ids);
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void rejectsLookalikes() {
        assertThat(Ids.looksLike("prt", "prt_123")).isFalse();
        assertThat(Ids.looksLike("prt", null)).isFalse();
        assertThat(Ids.looksLike("prt", "prt_01JD3K0Q8M9V2X4Y6Z7A8B9C0D")).isFalse();
    }
}
