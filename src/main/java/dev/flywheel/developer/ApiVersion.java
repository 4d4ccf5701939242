package dev.flywheel.developer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One major version of the public API ({@code /api/v1/…}, {@code /api/v2/…}) and its deprecation.
 *
 * @param deprecatedAt when the deprecation was announced, or null
 * @param sunsetOn the announced retirement date, or null
 */
public record ApiVersion(String version, LocalDate releasedOn, Instant deprecatedAt, LocalDate sunsetOn) {

    public boolean deprecated() {
        return deprecatedAt != null;
    }

    int number() {
        return Integer.parseInt(version.substring(1));
    }
}
