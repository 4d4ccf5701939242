package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static ApiVersion live(String v) {
        return new ApiVersion(v, LocalDate.of(2025, 1, 1), null, null);
    }

    static ApiVersion deprecated(String v, LocalDate sunset) {
        return new ApiVersion(v, LocalDate.of(2025, 1, 1), Instant.parse("2025-06-01T00:00:00Z"), sunset);
    }

    @Test
    void aSunsetSixMonthsAfterTheNoticeIsAccepted() {
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2026, 9, 10), NOW, List.of(live("v1"), live("v2")))).isEmpty();
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2027, 1, 1), NOW, List.of(live("v1"), live("v2")))).isEmpty();
    }

    @Test
    void aSunsetOneDayShortOfSixMonthsIsRefusedAndNamesTheEarliestDate() {
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2026, 9, 9), NOW, List.of(live("v1"), live("v2"))))
                .hasValueSatisfying(p -> assertThat(p).contains("6 months").contains("2026-09-10"));
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2026, 3, 11), NOW, List.of(live("v1"), live("v2")))).isPresent();
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2025, 1, 1), NOW, List.of(live("v1"), live("v2")))).isPresent();
    }

    @Test
    void aDeprecationNeedsASunsetDate() {
        assertThat(VersionPolicy.deprecationProblem("v1", null, NOW, List.of(live("v1"), live("v2")))).isPresent();
    }

    @Test
    void theNewestUndeprecatedVersionCannotBeDeprecated() {
        assertThat(VersionPolicy.deprecationProblem("v2", LocalDate.of(2027, 1, 1), NOW, List.of(live("v1"), live("v2"))))
                .hasValueSatisfying(p -> assertThat(p).contains("newest"));
        assertThat(VersionPolicy.deprecationProblem("v2", LocalDate.of(2027, 1, 1), NOW,
                List.of(deprecated("v1", LocalDate.of(2026, 1, 1)), live("v2")))).isPresent();
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2027, 1, 1), NOW, List.of(live("v1")))).isPresent();
    }

    @Test
    void aVersionIsDeprecatedOnceAndUnknownVersionsAreRefused() {
        assertThat(VersionPolicy.deprecationProblem("v1", LocalDate.of(2027, 1, 1), NOW,
                List.of(deprecated("v1", LocalDate.of(2026, 12, 1)), live("v2"), live("v3")))).hasValueSatisfying(p -> assertThat(p).contains("already"));
        assertThat(VersionPolicy.deprecationProblem("v9", LocalDate.of(2027, 1, 1), NOW, List.of(live("v1"), live("v2")))).isPresent();
    }

    @Test
    void aVersionPastItsSunsetIsRetiredOnlyWhileTwoOthersStayLive() {
        ApiVersion v1 = deprecated("v1", LocalDate.of(2026, 1, 1));
        assertThat(VersionPolicy.retired("v1", NOW, List.of(v1, live("v2")))).isFalse();
        assertThat(VersionPolicy.retired("v1", NOW, List.of(v1, live("v2"), live("v3")))).isTrue();
        assertThat(VersionPolicy.retired("v2", NOW, List.of(v1, live("v2"), live("v3")))).isFalse();
    }

    @Test
    void beforeItsSunsetADeprecatedVersionStillAnswers() {
        ApiVersion v1 = deprecated("v1", LocalDate.of(2026, 3, 11));
        assertThat(VersionPolicy.retired("v1", NOW, List.of(v1, live("v2"), live("v3")))).isFalse();
        assertThat(VersionPolicy.retired("v1", Instant.parse("2026-03-11T00:00:00Z"), List.of(v1, live("v2"), live("v3")))).isTrue();
    }

    @Test
    void retirementGoesOldestFirstAndNeverLeavesFewerThanTwoLive() {
        ApiVersion v1 = deprecated("v1", LocalDate.of(2026, 1, 1));
        ApiVersion v2 = deprecated("v2", LocalDate.of(2026, 2, 1));
        List<ApiVersion> all = List.of(v1, v2, live("v3"), live("v4"));
        assertThat(VersionPolicy.retired("v1", NOW, all)).isTrue();
        assertThat(VersionPolicy.retired("v2", NOW, all)).isTrue();
        List<ApiVersion> three = List.of(v1, v2, live("v3"));
        assertThat(VersionPolicy.retired("v1", NOW, three)).isTrue();
        assertThat(VersionPolicy.retired("v2", NOW, three)).isFalse();
    }
}
