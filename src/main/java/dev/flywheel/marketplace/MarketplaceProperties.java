package dev.flywheel.marketplace;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketplace settings ({@code flywheel.marketplace.*}).
 *
 * @param categories the categories a listing may be filed under
 * @param reviewSla how long a submission may wait for a decision before it is overdue (default 3 days)
 * @param allowPrivateNetworks accept listing URLs on private, loopback and link-local addresses;
 *        only for a closed test network (default false: they are refused, the SSRF guard)
 * @param urlCheckTimeout connect and read timeout of the URL reachability check (default 5s)
 * @param reviewWindowAfterUninstall how long after uninstalling an account may still review (default 45 days)
 * @param reviewAskDelay how long after activation the review ask goes out (default 14 days)
 * @param installHalfLife half-life of an install's weight in install velocity (default 30 days)
 * @param ratingPriorWeight how many "average" reviews the Bayesian rating assumes (default 5)
 * @param newListingDays how long a listing counts as new for the "new and noteworthy" slot (default 30 days)
 * @param noteworthySlots at most this many new listings are lifted into the first page (default 2)
 * @param defaultPartnerShare the partner's share of a sale when no fee schedule was set (default 0.70)
 * @param indexRefresh how often every node rebuilds its search index and ranking signals from the
 *        database, to pick up changes made on other nodes (default 5 minutes)
 */
@ConfigurationProperties("flywheel.marketplace")
record MarketplaceProperties(
        @DefaultValue({"crm", "analytics", "communication", "productivity", "developer-tools", "finance", "marketing", "security",
            "support", "data-sync"}) List<String> categories,
        @DefaultValue("72h") Duration reviewSla,
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("5s") Duration urlCheckTimeout,
        @DefaultValue("45d") Duration reviewWindowAfterUninstall,
        @DefaultValue("14d") Duration reviewAskDelay,
        @DefaultValue("30d") Duration installHalfLife,
        @DefaultValue("5") double ratingPriorWeight,
        @DefaultValue("30d") Duration newListingDays,
        @DefaultValue("2") int noteworthySlots,
        @DefaultValue("0.70") BigDecimal defaultPartnerShare,
        @DefaultValue("5m") Duration indexRefresh) {
}
