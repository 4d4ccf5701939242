package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> STANDARD = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    private final RetrySchedule schedule = new RetrySchedule(STANDARD, 0.2);

    @Test
    void withoutJitterFollowsTheScheduleExactly() {
        RetrySchedule exact = new RetrySchedule(STANDARD, 0);
        for (int i = 1; i < STANDARD.size(); i++) {
            assertThat(exact.next(i, () -> 0.7)).contains(STANDARD.get(i));
        }
    }

    @Test
    void jitterStaysWithinTwentyPercentEitherWay() {
        for (int i = 1; i < STANDARD.size(); i++) {
            long base = STANDARD.get(i).toMillis();
            assertThat(schedule.next(i, () -> 0.0)).contains(Duration.ofMillis(Math.round(base * 0.8)));
            assertThat(schedule.next(i, () -> 0.5)).contains(Duration.ofMillis(base));
            assertThat(schedule.next(i, () -> 0.9999999).orElseThrow().toMillis()).isBetween(Math.round(base * 1.19), Math.round(base * 1.2));
        }
    }

    @Test
    void theSecondAttemptComesAfterAboutFiveSeconds() {
        assertThat(schedule.next(1, () -> 0.0)).contains(Duration.ofSeconds(4));
        assertThat(schedule.next(1, () -> 1.0)).contains(Duration.ofSeconds(6));
    }

    @Test
    void theFirstAttemptIsImmediate() {
        assertThat(schedule.next(0, () -> 0.9)).contains(Duration.ZERO);
    }

    @Test
    void givesUpAfterTheLastEntry() {
        assertThat(schedule.next(9, () -> 0.5)).contains(Duration.ofHours(24));
        assertThat(schedule.next(10, () -> 0.5)).isEmpty();
        assertThat(schedule.next(25, () -> 0.5)).isEmpty();
        assertThat(schedule.attempts()).isEqualTo(10);
    }

    @Test
    void theWholeScheduleSpansAboutThreeAndAHalfDays() {
        Duration total = Duration.ZERO;
        for (int i = 1; i < STANDARD.size(); i++) {
            total = total.plus(schedule.next(i, () -> 0.5).orElseThrow());
        }
        assertThat(total).isEqualTo(Duration.ofHours(75).plusMinutes(35).plusSeconds(5));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetrySchedule(STANDARD, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(STANDARD, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.next(-1, () -> 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
