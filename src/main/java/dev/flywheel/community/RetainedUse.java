package dev.flywheel.community;

import java.time.Duration;
import java.time.Instant;

/**
 * The gallery ranks templates by copies still in use a while after being taken, not by raw
 * clones: a clone costs one click, a copy that still runs a week later shows the template works.
 *
 * <p>A copy taken at {@code t} is an <em>active use</em> at {@code now} when the retention period
 * has passed ({@code t + period <= now}), it was reported in use at or after {@code t + period},
 * and it was not removed before {@code t + period}. Removing it later does not undo the count:
 * it was in use for the whole period. {@link CopyRepository} applies the same rule in SQL.
 */
final class RetainedUse {

    private RetainedUse() {
    }

    static Instant dueAt(Instant takenAt, Duration period) {
        return takenAt.plus(period);
    }

    static boolean isActiveUse(TemplateCopy copy, Instant now) {
        Instant due = copy.retentionDueAt();
        return !due.isAfter(now) && !copy.lastSeenAt().isBefore(due) && (copy.removedAt() == null || !copy.removedAt().isBefore(due));
    }
}
