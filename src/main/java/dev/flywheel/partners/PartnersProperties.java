package dev.flywheel.partners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner program settings.
 *
 * @param protectionDays default protection window of an approved deal registration (default 90;
 *        an approval may choose 30 to 180)
 * @param reviewSla how long the owner has to approve or reject a registration (default 72 hours)
 * @param tierGraceDays how long a partner keeps a tier after falling below it (default 30 days)
 * @param tierWindow the rolling window tier metrics are measured over (default 365 days)
 * @param referralCookieDays how long a referral click attributes a visitor through its first-party cookie (default 90)
 * @param attribution which click wins when a visitor clicked several partners' links: first or last (default last)
 * @param clickBurstLimit clicks from one address on one link within a minute above which clicks are flagged (default 20)
 * @param evaluationInterval how often a node checks whether today's tier evaluation still needs to run (default 1 hour)
 */
@ConfigurationProperties("flywheel.partners")
public record PartnersProperties(
        @DefaultValue("90") int protectionDays,
        @DefaultValue("72h") Duration reviewSla,
        @DefaultValue("30") int tierGraceDays,
        @DefaultValue("365d") Duration tierWindow,
        @DefaultValue("90") int referralCookieDays,
        @DefaultValue("last") String attribution,
        @DefaultValue("20") int clickBurstLimit,
        @DefaultValue("1h") Duration evaluationInterval) {

    public PartnersProperties {
        if (protectionDays < 30 || protectionDays > 180) {
            throw new IllegalArgumentException("flywheel.partners.protection-days must be between 30 and 180");
        }
        if (!attribution.equals("first") && !attribution.equals("last")) {
            throw new IllegalArgumentException("flywheel.partners.attribution must be 'first' or 'last'");
        }
    }
}
