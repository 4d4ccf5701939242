package dev.flywheel.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest
    @CsvSource({"abc, abc, 0", "abc, acb, 1", "kitten, sitting, 3", "'', abc, 3", "ca, abc, 3", "hubspot, hubsopt, 1"})
    void countsEditsWithAdjacentSwapsAsOne(String a, String b, int expected) {
        assertThat(EditDistance.between(a, b)).isEqualTo(expected);
        assertThat(EditDistance.between(b, a)).isEqualTo(expected);
    }
}
