package dev.flywheel.events;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than {@code flywheel.events.retention} in bounded batches, so the log does
 * not grow without end and no statement holds locks for long. Idempotent housekeeping: any number
 * of nodes may run it at the same time.
 */
@Component
class EventRetention {

    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final EventLog events;
    private final EventsProperties properties;
    private final Clock clock;

    EventRetention(EventLog events, EventsProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
    void purge() {
        purgeOlderThan(clock.instant().minus(properties.retention()));
    }

    /** Returns how many events were deleted; stops after a bounded number of batches and continues next run. */
    int purgeOlderThan(Instant cutoff) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int deleted = events.deleteReceivedBefore(cutoff, properties.retentionBatch());
            total += deleted;
            if (deleted < properties.retentionBatch()) {
                break;
            }
        }
        if (total > 0) {
            log.info("Event retention deleted {} events received before {}", total, cutoff);
        }
        return total;
    }
}
