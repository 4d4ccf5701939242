package dev.flywheel.webhooks;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes attempts and deliveries (with their payloads) older than {@code flywheel.webhooks.retention},
 * in bounded batches so the database does not grow without end and no statement holds long locks.
 * Messages being sent are never deleted. Idempotent housekeeping, safe on every node.
 */
@Component
class WebhookRetention {

    private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final DeliveryQueue queue;
    private final WebhooksProperties properties;
    private final Clock clock;

    WebhookRetention(DeliveryQueue queue, WebhooksProperties properties, Clock clock) {
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT3M")
    void purge() {
        purgeOlderThan(clock.instant().minus(properties.retention()));
    }

    /** Returns how many rows (attempts plus deliveries) were deleted in this run. */
    int purgeOlderThan(Instant cutoff) {
        int batch = properties.retentionBatch();
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int deleted = queue.deleteAttemptsBefore(cutoff, batch);
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int deleted = queue.deleteDeliveriesBefore(cutoff, batch);
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        if (total > 0) {
            log.info("Webhook retention deleted {} attempts and deliveries from before {}", total, cutoff);
        }
        return total;
    }
}
