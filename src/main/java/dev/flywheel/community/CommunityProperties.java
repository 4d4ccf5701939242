package dev.flywheel.community;

import java.math.BigDecimal;
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
 * @param contributorShare the part of a paid template's price the contributor keeps; the owner's
 *        fee is the rest (default 0.70, the common 70/30 split, as for marketplace apps)
 */
@ConfigurationProperties("flywheel.community")
record CommunityProperties(
        @DefaultValue("7d") Duration retentionPeriod,
        @DefaultValue("100") int activeUsesBadge,
        @DefaultValue("512KB") DataSize maxPayloadSize,
        @DefaultValue("0.70") BigDecimal contributorShare) {

    CommunityProperties {
        if (contributorShare.signum() < 0 || contributorShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("flywheel.community.contributor-share must be between 0 and 1 (e.g. 0.70), got " + contributorShare);
        }
    }
}
