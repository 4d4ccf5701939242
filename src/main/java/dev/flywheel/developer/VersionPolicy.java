package dev.flywheel.developer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deprecation policy of the public API, enforced by the server:
 * <ul>
 * <li>a sunset date is at least {@value #NOTICE_MONTHS} months after the deprecation notice;</li>
 * <li>a deprecated version always has a newer version that is not deprecated to migrate to (so the
 * newest version can never be deprecated);</li>
 * <li>at least {@value #MIN_LIVE} major versions are live at any time: a version past its sunset
 * date is retired (answers {@code 410 Gone}) only while {@value #MIN_LIVE} newer versions stay
 * live; otherwise it keeps answering, with its deprecation headers, until they exist.</li>
 * </ul>
 * Pure functions over plain values; no framework.
 */
final class VersionPolicy {

    static final int NOTICE_MONTHS = 6;
    static final int MIN_LIVE = 2;

    private VersionPolicy() {
    }

    /** Why this deprecation may not be made, or empty when it may. */
    static Optional<String> deprecationProblem(String version, LocalDate sunsetOn, Instant now, List<ApiVersion> all) {
        ApiVersion target = all.stream().filter(v -> v.version().equals(version)).findFirst().orElse(null);
        if (target == null) {
            return Optional.of("There is no API version " + version + ".");
        }
        if (target.deprecated()) {
            return Optional.of(version + " is already deprecated (sunset " + target.sunsetOn() + "); a deprecation is announced once.");
        }
        if (sunsetOn == null) {
            return Optional.of("A deprecation needs a sunset date, at least " + NOTICE_MONTHS + " months from today.");
        }
        LocalDate earliest = earliestSunset(now);
        if (sunsetOn.isBefore(earliest)) {
            return Optional.of("The sunset date must be at least " + NOTICE_MONTHS + " months after the notice: " + earliest + " or later.");
        }
        boolean successor = all.stream().anyMatch(v -> v.number() > target.number() && !v.deprecated());
        if (!successor) {
            return Optional.of(version + " is the newest version that is not deprecated; release a newer version first, so callers "
                    + "have a version to migrate to.");
        }
        return Optional.empty();
    }

    static LocalDate earliestSunset(Instant notice) {
        return notice.atOffset(ZoneOffset.UTC).toLocalDate().plusMonths(NOTICE_MONTHS);
    }

    /**
     * Whether the version no longer answers at {@code now}: its sunset date has passed and at least
     * {@link #MIN_LIVE} other versions are still live then.
     */
    static boolean retired(String version, Instant now, List<ApiVersion> all) {
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        List<ApiVersion> sorted = all.stream().sorted(Comparator.comparingInt(ApiVersion::number)).toList();
        // Retire oldest first: each retirement must leave at least MIN_LIVE versions answering.
        int live = sorted.size();
        for (ApiVersion v : sorted) {
            boolean due = v.sunsetOn() != null && !today.isBefore(v.sunsetOn());
            if (due && live - 1 >= MIN_LIVE) {
                live--;
                if (v.version().equals(version)) {
                    return true;
                }
            } else if (v.version().equals(version)) {
                return false;
            }
        }
        return false;
    }
}
