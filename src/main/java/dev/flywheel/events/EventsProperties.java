package dev.flywheel.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event ingestion and the event log.
 *
 * @param retention how long events stay in the log before retention deletes them (default 365d);
 *        consumers reconcile with the pull API within this window
 * @param retentionBatch rows deleted per statement by retention, so it never holds long locks (default 1000)
 * @param maxBatch most events accepted by one batch request (default 1000)
 * @param maxDataSize largest {@code data} object of one event, in bytes of JSON (default 256 KB)
 */
@ConfigurationProperties("flywheel.events")
record EventsProperties(
        @DefaultValue("365d") Duration retention,
        @DefaultValue("1000") int retentionBatch,
        @DefaultValue("1000") int maxBatch,
        @DefaultValue("262144") int maxDataSize) {
}
