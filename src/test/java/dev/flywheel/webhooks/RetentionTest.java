package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.events.Events;
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
class RetentionTest extends IntegrationTest {

    @Autowired
    WebhookRetention retention;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    Events events;

    @Test
    void deletesOldDeliveriesAndAttemptsInBatchesAndKeepsRecentOnes() {
        try (Receiver receiver = new Receiver()) {
            String type = "retention" + unique("t").replace("-", "") + ".happened";
            api().as(OWNER_KEY).post("/api/v1/event-types", "{\"name\":\"" + type + "\",\"schema\":{\"type\":\"object\"}}");
            String endpoint = api().as(OWNER_KEY).post("/api/v1/webhook-endpoints", """
                    {"url":"%s","event_types":["%s"]}""".formatted(receiver.url(), type)).text("id");
            for (int i = 0; i < 3; i++) {
                events.emit(type, "cus_r", Map.of("n", i), Mode.LIVE);
            }
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> queue.countByStatus(endpoint, DeliveryStatus.DELIVERED) == 3);

            // The shared database may hold older history (the demo generator writes weeks of it): only this endpoint's rows are judged.
            retention.purgeOlderThan(Instant.now().minus(Duration.ofDays(1)));
            assertThat(queue.countByStatus(endpoint, DeliveryStatus.DELIVERED)).isEqualTo(3);

            assertThat(retention.purgeOlderThan(Instant.now().plusSeconds(1))).isGreaterThanOrEqualTo(6);
            assertThat(queue.countByStatus(endpoint, DeliveryStatus.DELIVERED)).isZero();
            api().as(OWNER_KEY).delete("/api/v1/webhook-endpoints/" + endpoint);
        }
    }
}
