package dev.flywheel.webhooks;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("database")
class PinnedVersionTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Receiver pinnedReceiver = new Receiver();
    private final Receiver latestReceiver = new Receiver();
    private final List<String> endpoints = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        endpoints.forEach(id -> owner().delete("/api/v1/webhook-endpoints/" + id));
        pinnedReceiver.close();
        latestReceiver.close();
    }

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private void publish(String type, String schema) {
        Api.Response r = owner().post("/api/v1/event-types", "{\"name\":\"" + type + "\",\"schema\":" + schema + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String endpoint(Receiver receiver, String type, String extra) {
        Api.Response r = owner().post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"]%s}""".formatted(receiver.url(), type, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        endpoints.add(r.text("id"));
        return r.text("id");
    }

    private String send(String type, String data) {
        Api.Response r = owner().post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"cus_pin\",\"data\":" + data + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("id");
    }

    private JsonNode bodyOf(Receiver receiver, String eventId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> receiver.received().stream().filter(r -> eventId.equals(r.header("webhook-id"))).findFirst(),
                        java.util.Optional::isPresent)
                .map(r -> JSON.readTree(r.body())).orElseThrow();
    }

    @Test
    void deliversNewerVersionsAsThePinnedVersionAndFailsThoseThatCannotConform() {
        String type = "pin" + unique("t").replace("-", "") + ".closed_won";
        publish(type, "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"integer\"}},\"required\":[\"amount\"],"
                + "\"additionalProperties\":false}");
        String pinned = endpoint(pinnedReceiver, type, ",\"pinned_versions\":{\"" + type + "\":1}");
        endpoint(latestReceiver, type, "");
        assertThat(owner().get("/api/v1/webhook-endpoints/" + pinned).json().get("pinned_versions").get(type).asInt()).isEqualTo(1);

        // Version 2 adds an optional field: the pinned endpoint gets version 1 without it.
        publish(type, "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"integer\"},\"currency\":{\"type\":\"string\"}},"
                + "\"required\":[\"amount\"]}");
        String added = send(type, "{\"amount\":120,\"currency\":\"EUR\"}");
        JsonNode asPinned = bodyOf(pinnedReceiver, added);
        assertThat(asPinned.get("schema_version").asInt()).isEqualTo(1);
        assertThat(asPinned.get("data")).isEqualTo(JSON.readTree("{\"amount\":120}"));
        JsonNode asLatest = bodyOf(latestReceiver, added);
        assertThat(asLatest.get("schema_version").asInt()).isEqualTo(2);
        assertThat(asLatest.get("data").get("currency").asString()).isEqualTo("EUR");

        // Version 3 retypes amount (breaking): the pinned endpoint's delivery fails at once with the reason; nothing is sent to it.
        publish(type, "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"string\"}},\"required\":[\"amount\"]}");
        String retyped = send(type, "{\"amount\":\"120.00\"}");
        assertThat(bodyOf(latestReceiver, retyped).get("schema_version").asInt()).isEqualTo(3);
        JsonNode failed = owner().get("/api/v1/webhook-endpoints/" + pinned + "/deliveries?status=failed").json().get("data");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("event_id").asString()).isEqualTo(retyped);
        assertThat(failed.get(0).get("attempts").asInt()).isZero();
        assertThat(failed.get(0).get("last_error").asString()).contains("pinned version 1").contains("data.amount");
        assertThat(pinnedReceiver.received()).noneMatch(r -> retyped.equals(r.header("webhook-id")));

        // Raising the pin and resending delivers the event as published.
        Api.Response raised = owner().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/webhook-endpoints/" + pinned))
                .header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"pinned_versions\":{\"" + type + "\":3}}")));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(owner().post("/api/v1/webhook-endpoints/" + pinned + "/deliveries/" + failed.get(0).get("id").asString() + "/resend", "")
                .status()).isLessThan(300);
        assertThat(bodyOf(pinnedReceiver, retyped).get("schema_version").asInt()).isEqualTo(3);
    }

    @Test
    void refusesAPinToAnUnknownTypeOrVersion() {
        String type = "pin" + unique("t").replace("-", "") + ".happened";
        publish(type, "{\"type\":\"object\"}");
        Api.Response unknownVersion = owner().post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"],"pinned_versions":{"%s":4}}""".formatted(pinnedReceiver.url(), type, type));
        assertProblem(unknownVersion, 400, "/problems/validation");
        assertThat(unknownVersion.body()).contains("pinned_versions." + type);
        Api.Response unknownType = owner().post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"],"pinned_versions":{"nope.never_published":1}}""".formatted(pinnedReceiver.url(), type));
        assertProblem(unknownType, 400, "/problems/validation");
    }
}
