package dev.flywheel.webhooks;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.standardwebhooks.Webhook;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag("database")
class WebhookDeliveryTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Receiver receiver = new Receiver();
    private final List<String> endpoints = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        endpoints.forEach(id -> owner().delete("/api/v1/webhook-endpoints/" + id));
        receiver.close();
    }

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String newType() {
        String name = "hook" + unique("t").replace("-", "") + ".happened";
        Api.Response r = owner().post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object","properties":{"n":{"type":"integer"}}},"example":{"n":1}}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    private Api.Response createEndpoint(String type, String extra) {
        Api.Response r = owner().post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"],"description":"test receiver"%s}""".formatted(receiver.url(), type, extra));
        if (r.status() == 201) {
            endpoints.add(r.text("id"));
        }
        return r;
    }

    private String send(String type, int n, String orderingKey) {
        String key = orderingKey == null ? "" : ",\"ordering_key\":\"" + orderingKey + "\"";
        Api.Response r = owner().post("/api/v1/events", """
                {"type":"%s","account":"cus_w","data":{"n":%d}%s}""".formatted(type, n, key));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("id");
    }

    private List<Receiver.Received> awaitReceived(int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(receiver::received, list -> list.size() >= count);
    }

    @Test
    void createsAnEndpointWithAStandardWebhooksSecret() {
        String type = newType();
        Api.Response r = createEndpoint(type, "");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("id")).startsWith("whk_");
        assertThat(r.text("secret")).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(r.text("secret").substring(6))).hasSize(32);
        assertThat(r.text("url")).isEqualTo(receiver.url());
        assertThat(r.json().get("event_types").get(0).asString()).isEqualTo(type);
        assertThat(r.text("status")).isEqualTo("enabled");
        assertThat(r.text("mode")).isEqualTo("live");

        Api.Response got = owner().get("/api/v1/webhook-endpoints/" + r.text("id"));
        assertThat(got.text("secret")).isNull();
        assertThat(owner().get("/api/v1/webhook-endpoints/" + r.text("id") + "/secret").text("secret")).isEqualTo(r.text("secret"));
    }

    @Test
    void refusesInvalidEndpoints() {
        assertProblem(owner().post("/api/v1/webhook-endpoints", "{\"url\":\"ftp://example.com\",\"event_types\":[\"user.created\"]}"),
                400, "/problems/validation");
        Api.Response unknownType = owner().post("/api/v1/webhook-endpoints", "{\"url\":\"https://example.com/h\",\"event_types\":[\"no.such\"]}");
        assertProblem(unknownType, 400, "/problems/validation");
        assertThat(unknownType.json().get("errors").get(0).get("field").asString()).isEqualTo("event_types");
        assertProblem(owner().post("/api/v1/webhook-endpoints", "{\"url\":\"https://example.com/h\",\"event_types\":[]}"), 400, "/problems/validation");
    }

    @Test
    void everySignatureVerifiesWithTheReferenceLibraryIncludingDuringRotation() throws Exception {
        String type = newType();
        Api.Response endpoint = createEndpoint(type, "");
        String oldSecret = endpoint.text("secret");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send(type, i, null));
        }
        List<Receiver.Received> before = awaitReceived(3);
        for (Receiver.Received r : before) {
            assertThat(r.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
            new Webhook(oldSecret).verify(r.body(), r.headers());
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("type").asString()).isEqualTo(type);
            assertThat(body.get("id").asString()).isEqualTo(r.header("webhook-id"));
            assertThat(body.has("timestamp")).isTrue();
            assertThat(body.get("data").has("n")).isTrue();
        }
        assertThat(before.stream().map(r -> r.header("webhook-id")).toList()).containsExactlyInAnyOrderElementsOf(ids);

        Api.Response rotated = owner().post("/api/v1/webhook-endpoints/" + endpoint.text("id") + "/secret/rotate", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newSecret = rotated.text("secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(rotated.text("previous_secret_expires_at")).isNotNull();

        send(type, 10, null);
        send(type, 11, null);
        owner().post("/api/v1/webhook-endpoints/" + endpoint.text("id") + "/test", "");
        List<Receiver.Received> after = awaitReceived(6).subList(3, 6);
        for (Receiver.Received r : after) {
            assertThat(r.header("webhook-signature").split(" ")).hasSize(2);
            new Webhook(newSecret).verify(r.body(), r.headers());
            new Webhook(oldSecret).verify(r.body(), r.headers());
        }
        assertThat(after.stream().map(r -> JSON.readTree(r.body()).get("type").asString())).contains("webhook.test");
        Receiver.Received tampered = after.get(0);
        assertThatCode(() -> new Webhook(newSecret).verify(tampered.body() + " ", tampered.headers()))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void honoursRetryAfterAndKeepsEveryAttemptInTheLog() {
        String type = newType();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() == 1
                ? new Receiver.Answer(503, Map.of("Retry-After", "1"), "busy, come back later")
                : Receiver.Answer.ok());
        String endpoint = createEndpoint(type, "").text("id");
        String event = send(type, 1, null);
        List<Receiver.Received> got = awaitReceived(2);
        Duration gap = Duration.between(got.get(0).at(), got.get(1).at());
        assertThat(gap).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        assertThat(got.get(1).header("webhook-id")).isEqualTo(event);

        JsonNode deliveries = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> owner().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries").json().get("data"),
                d -> d.size() == 1 && d.get(0).get("status").asString().equals("delivered"));
        String deliveryId = deliveries.get(0).get("id").asString();
        JsonNode detail = owner().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries/" + deliveryId).json();
        JsonNode attempts = detail.get("attempt_log");
        assertThat(attempts.size()).isEqualTo(2);
        assertThat(attempts.get(0).get("status_code").asInt()).isEqualTo(503);
        assertThat(attempts.get(0).get("response_excerpt").asString()).isEqualTo("busy, come back later");
        assertThat(attempts.get(1).get("status_code").asInt()).isEqualTo(200);
        assertThat(detail.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void goneDisablesTheEndpointAndTellsTheOwner() {
        String type = newType();
        receiver.answer(r -> Receiver.Answer.status(410));
        String endpoint = createEndpoint(type, "").text("id");
        send(type, 1, null);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> owner().get("/api/v1/webhook-endpoints/" + endpoint).text("status"), "disabled"::equals);
        assertThat(owner().get("/api/v1/webhook-endpoints/" + endpoint).text("disabled_reason")).contains("410");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(OWNER_EMAIL).stream().anyMatch(m -> {
            try {
                return m.getSubject().contains("Webhook endpoint disabled") && com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains(endpoint);
            } catch (Exception e) {
                return false;
            }
        }));
        send(type, 2, null);
        Api.Response enabled = owner().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/webhook-endpoints/" + endpoint))
                .header("Content-Type", "application/json").method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"enabled\"}")));
        assertThat(enabled.text("status")).isEqualTo("enabled");
    }

    @Test
    void eventsWithTheSameOrderingKeyArriveInOrder() {
        String type = newType();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() == 1 ? new Receiver.Answer(503, Map.of("Retry-After", "1"), "") : Receiver.Answer.ok());
        createEndpoint(type, "");
        String key = unique("order");
        List<String> ids = List.of(send(type, 1, key), send(type, 2, key), send(type, 3, key));
        List<Receiver.Received> got = awaitReceived(4);
        assertThat(got.stream().map(r -> r.header("webhook-id")).toList()).containsExactly(ids.get(0), ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void theRateLimitSpreadsDeliveriesOverTime() {
        String type = newType();
        createEndpoint(type, ",\"rate_limit\":2");
        for (int i = 0; i < 6; i++) {
            send(type, i, null);
        }
        List<Receiver.Received> got = awaitReceived(6);
        Duration span = Duration.between(got.get(0).at(), got.get(5).at());
        assertThat(span).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        Map<Long, Long> perSecond = got.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.at().getEpochSecond(),
                java.util.stream.Collectors.counting()));
        assertThat(perSecond.values()).allMatch(n -> n <= 3);
    }

    @Test
    void resendsOneMessage() {
        String type = newType();
        String endpoint = createEndpoint(type, "").text("id");
        String event = send(type, 1, null);
        awaitReceived(1);
        String delivery = Awaitility.await().atMost(Duration.ofSeconds(10)).until(
                () -> owner().get("/api/v1/webhook-endpoints/" + endpoint + "/deliveries?status=delivered").json().get("data"),
                d -> d.size() == 1).get(0).get("id").asString();
        Api.Response resent = owner().post("/api/v1/webhook-endpoints/" + endpoint + "/deliveries/" + delivery + "/resend", "");
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        List<Receiver.Received> got = awaitReceived(2);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(event);
    }

    @Test
    void restHooksSubscribeAndUnsubscribe() {
        String type = newType();
        Api.Response sub = owner().post("/api/v1/rest-hooks", """
                {"target_url":"%s","event":"%s"}""".formatted(receiver.url(), type));
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        assertThat(sub.text("id")).startsWith("whk_");
        send(type, 1, null);
        awaitReceived(1);
        assertThat(owner().delete("/api/v1/rest-hooks/" + sub.text("id")).status()).isEqualTo(204);
        send(type, 2, null);
        String other = newType();
        createEndpoint(other, "");
        send(other, 3, null);
        List<Receiver.Received> got = awaitReceived(2);
        assertThat(JSON.readTree(got.get(1).body()).get("type").asString()).isEqualTo(other);
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void testModeEndpointsReceiveOnlyTestModeEvents() {
        String type = newType();
        String testKey = owner().post("/api/v1/api-keys", "{\"name\":\"sandbox\",\"mode\":\"test\"}").text("key");
        Api.Response r = api().as(testKey).post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"]}""".formatted(receiver.url(), type));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("mode")).isEqualTo("test");
        send(type, 1, null);
        Api.Response testEvent = api().as(testKey).post("/api/v1/events", """
                {"type":"%s","account":"cus_t","data":{"n":2}}""".formatted(type));
        List<Receiver.Received> got = awaitReceived(1);
        assertThat(got.get(0).header("webhook-id")).isEqualTo(testEvent.text("id"));
        assertThat(JSON.readTree(got.get(0).body()).get("mode").asString()).isEqualTo("test");
        assertProblem(owner().get("/api/v1/webhook-endpoints/" + r.text("id")), 404, "/problems/not-found");
        api().as(testKey).delete("/api/v1/webhook-endpoints/" + r.text("id"));
    }

    @Test
    void exposesQueueMetrics() {
        String metrics = api().get("/actuator/prometheus").body();
        assertThat(metrics).contains("flywheel_webhooks_queue_depth").contains("flywheel_webhooks_queue_oldest_age_seconds")
                .contains("flywheel_webhooks_attempts_total");
    }
}
