package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks in test mode go only to test-mode endpoints, and live events only to live endpoints. */
@Tag("database")
class TestModeDeliveryTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void testEventsReachOnlyTestEndpointsAndLiveEventsOnlyLiveOnes() throws Exception {
        Api live = api().as(OWNER_KEY);
        Api test = api().as(live.post("/api/v1/api-keys", "{\"name\":\"" + unique("test hooks") + "\",\"mode\":\"test\"}").text("key"));
        String type = "modes" + unique("t").replace("-", "") + ".happened";
        assertThat(live.post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object"},"example":{}}""".formatted(type)).status()).isEqualTo(201);
        try (Receiver liveReceiver = new Receiver(); Receiver testReceiver = new Receiver()) {
            Api.Response liveEndpoint = live.post("/api/v1/webhook-endpoints", "{\"url\":\"" + liveReceiver.url() + "\",\"event_types\":[\"" + type + "\"]}");
            Api.Response testEndpoint = test.post("/api/v1/webhook-endpoints", "{\"url\":\"" + testReceiver.url() + "\",\"event_types\":[\"" + type + "\"]}");
            assertThat(liveEndpoint.text("mode")).isEqualTo("live");
            assertThat(testEndpoint.text("mode")).isEqualTo("test");
            try {
                assertThat(test.post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"cus_modes\",\"data\":{\"n\":1}}").status()).isEqualTo(202);
                assertThat(live.post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"cus_modes\",\"data\":{\"n\":2}}").status()).isEqualTo(202);

                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !testReceiver.received().isEmpty() && !liveReceiver.received().isEmpty());
                // Give a wrongly routed delivery the chance to arrive before checking that none did.
                assertThat(test.post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"cus_modes\",\"data\":{\"n\":3}}").status()).isEqualTo(202);
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> testReceiver.received().size() >= 2);

                assertThat(testReceiver.received()).allSatisfy(r -> {
                    assertThat(JSON.readTree(r.body()).toString()).contains("\"mode\":\"test\"");
                    assertThat(JSON.readTree(r.body()).toString()).doesNotContain("\"n\":2");
                });
                assertThat(liveReceiver.received()).hasSize(1).allSatisfy(r -> assertThat(r.body()).contains("\"mode\":\"live\"").contains("\"n\":2"));
            } finally {
                live.delete("/api/v1/webhook-endpoints/" + liveEndpoint.text("id"));
                test.delete("/api/v1/webhook-endpoints/" + testEndpoint.text("id"));
            }
        }
    }
}
