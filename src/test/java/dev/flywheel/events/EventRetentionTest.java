package dev.flywheel.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Mode;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("database")
class EventRetentionTest extends IntegrationTest {

    @Autowired
    EventRetention retention;
    @Autowired
    EventLog log;
    @Autowired
    Events events;

    @Test
    void deletesEventsReceivedBeforeTheCutoffInBoundedBatchesAndKeepsNewerOnes() {
        String type = "retention" + unique("t").replace("-", "") + ".happened";
        api().as(OWNER_KEY).post("/api/v1/event-types", "{\"name\":\"" + type + "\",\"schema\":{\"type\":\"object\"}}");
        String first = events.emit(type, "cus_old", Map.of("n", 1), Mode.LIVE);
        String second = events.emit(type, "cus_old", Map.of("n", 2), Mode.LIVE);
        String third = events.emit(type, "cus_old", Map.of("n", 3), Mode.LIVE);
        Instant cutoff = events.find(Mode.LIVE, third).orElseThrow().receivedAt().plusMillis(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(cutoff.plusMillis(1)));
        String kept = events.emit(type, "cus_new", Map.of("n", 4), Mode.LIVE);

        // A single bounded batch deletes at most its size.
        assertThat(log.deleteReceivedBefore(cutoff, 1)).isEqualTo(1);

        int deleted = retention.purgeOlderThan(cutoff);

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(events.find(Mode.LIVE, first)).isEmpty();
        assertThat(events.find(Mode.LIVE, second)).isEmpty();
        assertThat(events.find(Mode.LIVE, third)).isEmpty();
        assertThat(events.find(Mode.LIVE, kept)).isPresent();
        assertThat(events.page(Mode.LIVE, new EventFilter(type, null, null, null, null, null, null),
                dev.flywheel.platform.paging.PageQuery.of(10, null)).data()).extracting(StoredEvent::id).containsExactly(kept);
    }
}
