package dev.flywheel.ledger;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Money settings.
 *
 * @param holdPeriod how long a commission is held before it becomes available (default 30 days,
 *        matching the usual refund window)
 * @param minimumPayout the smallest payout, in major units of the payee's currency (default 50)
 * @param reportingCurrency the currency exchange rates are captured into (default USD)
 * @param batchLease how long a node may run a payout batch before another node may take it over
 *        (default 15 minutes); taking over never pays anyone twice
 * @param releaseInterval how often held commissions past their hold are made available (default 10 minutes)
 */
@ConfigurationProperties("flywheel.ledger")
public record LedgerProperties(
        @DefaultValue("30d") Duration holdPeriod,
        @DefaultValue("50") BigDecimal minimumPayout,
        @DefaultValue("USD") String reportingCurrency,
        @DefaultValue("15m") Duration batchLease,
        @DefaultValue("10m") Duration releaseInterval) {
}
