package dev.flywheel.community;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the community gallery ({@code flywheel.community.*}).
 *
 * @param retentionPeriod how long after being taken a copy must still be in use to count for
 *        ranking and badges (default 7 days)
 * @param activeUsesBadge active uses across a contributor's templates that earn the "100 active
 *        uses" badge (default 100)
 * @param maxPayloadSize largest template payload accepted (default 512KB)
 */
@ConfigurationProperties("flywheel.community")
record CommunityProperties(
        @DefaultValue("7d") Duration retentionPeriod,
        @DefaultValue("100") int activeUsesBadge,
        @DefaultValue("512KB") DataSize maxPayloadSize) {
}
