package dev.flywheel.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the insights module.
 *
 * @param currency the reporting currency (ISO 4217) every MRR change, opportunity and GMV figure
 *        must be in (default USD); amounts are never converted
 * @param attributionLookbackDays how long before an opportunity was created a touch still counts
 *        for it (default 180)
 * @param maxBatch most facts in one JSON batch (default 1000)
 * @param maxCsvRows most data lines in one CSV import (default 50000)
 */
@ConfigurationProperties("flywheel.insights")
public record InsightsProperties(
        @DefaultValue("USD") String currency,
        @DefaultValue("180") int attributionLookbackDays,
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("50000") int maxCsvRows) {
}
