package dev.flywheel.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a message again. Entry {@code n} of the schedule is the delay before attempt
 * {@code n + 1}; the first entry (normally zero) is the first attempt. Each delay is varied by a
 * random factor in {@code [1 - jitter, 1 + jitter]}, so endpoints that failed together do not all
 * come back at the same instant. A pure function: the random source is passed in.
 */
record RetrySchedule(List<Duration> delays, double jitter) {

    RetrySchedule {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
    }

    /**
     * The delay before the next attempt after {@code attemptsMade} attempts in the current schedule
     * (1 after the first), or empty when the schedule is exhausted and the message has failed.
     *
     * @param random uniform in [0, 1)
     */
    Optional<Duration> next(int attemptsMade, DoubleSupplier random) {
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("attemptsMade must not be negative");
        }
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(attemptsMade);
        double factor = 1 - jitter + 2 * jitter * random.getAsDouble();
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }

    /** How many attempts a message gets in total. */
    int attempts() {
        return delays.size();
    }
}
