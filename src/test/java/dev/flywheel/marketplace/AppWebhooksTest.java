package dev.flywheel.marketplace;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.flywheel.identity.Role;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import dev.flywheel.webhooks.Receiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Partner-app webhook endpoints bound to installs: an app's endpoint receives the events of the
 * accounts that installed it, of the types their consent allows, signed; nothing after uninstall
 * (queued messages are cancelled); nothing across modes; and no partner sees another's endpoints.
 */
@Tag("database")
class AppWebhooksTest extends IntegrationTest {

    private static final String APP_SCOPES = "\"contacts:read\",\"deals:read\",\"webhooks:read\",\"webhooks:write\"";

    @Autowired
    Installs installs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    WebhookHealthCheck webhookHealth;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    record AppCredentials(String id, String clientId, String secret) {
    }

    private AppCredentials app(MarketplaceFixtures.Partner partner) {
        Api.Response app = api().as(partner.key()).post("/api/v1/apps", "{\"name\":\"" + unique("Hooked") + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"https://app.example/callback\"],\"scopes\":[" + APP_SCOPES + "]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return new AppCredentials(app.text("id"), app.text("client_id"), app.text("client_secret"));
    }

    /** The app's own client-credentials token. */
    private Api appToken(AppCredentials app) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((enc(app.clientId()) + ":" + enc(app.secret())).getBytes(StandardCharsets.UTF_8));
        Api.Response token = api().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + enc("webhooks:read webhooks:write"))));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return api().as(token.text("access_token"));
    }

    private String publishWithApp(MarketplaceFixtures.Partner partner, AppCredentials app) {
        Api api = api().as(partner.key());
        String id = api.post("/api/v1/marketplace/managed-listings", MarketplaceFixtures.listing(unique("Hooks"), "Webhooks for installs",
                MarketplaceFixtures.quoted("hooks"))).text("id");
        assertThat(api.put("/api/v1/marketplace/managed-listings/" + id + "/app", "{\"app_id\":\"" + app.id() + "\"}").status()).isEqualTo(200);
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        MarketplaceFixtures.awaitState(api, id, "human_review");
        return owner().post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{}").text("slug");
    }

    private String productAccount(Customers customer) {
        return jdbc.sql("select external_id from organizations where id = :id").param("id", customer.accountId()).query(String.class).single();
    }

    private String event(Api api, String type, String account, String marker) {
        Api.Response r = api.post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"" + account + "\",\"data\":{\"marker\":\"" + marker + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.text("id");
    }

    private static List<JsonNode> deliveries(Api api, String endpointId) {
        JsonNode data = api.get("/api/v1/webhook-endpoints/" + endpointId + "/deliveries?limit=100").json().get("data");
        return StreamSupport.stream(data.spliterator(), false).toList();
    }

    private static List<String> eventIds(Api api, String endpointId) {
        return deliveries(api, endpointId).stream().map(d -> d.get("event_id").asString()).toList();
    }

    @Test
    void anInstalledAccountsEventsReachTheAppSignedAndStopAtOnceOnUninstall() throws Exception {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Hook Maker"));
        AppCredentials app = app(partner);
        String slug = publishWithApp(partner, app);
        Api asApp = appToken(app);

        // What the app's scopes can never allow is refused, with the scope it would need.
        Api.Response noScope = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[\"user.created\"]}");
        assertProblem(noScope, 400, "/problems/validation");
        assertThat(noScope.body()).contains("users:read or events:read");
        Api.Response ownType = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"http://127.0.0.1:9/x\",\"event_types\":[\"app.installed\"]}");
        assertProblem(ownType, 400, "/problems/validation");
        assertThat(ownType.body()).contains("Flywheel's own events");

        try (Receiver receiver = new Receiver()) {
            Api.Response created = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"*\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.text("app_id")).isEqualTo(app.id());
            String endpoint = created.text("id");
            String secret = created.text("secret");
            assertThat(secret).startsWith("whsec_");

            Customers customer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
            Customers stranger = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
            String account = productAccount(customer);
            // Before the install nothing of the account reaches the app.
            String early = event(owner(), "deal.closed_won", account, "before-install");
            Installation installation = installs.install(customer.caller(), slug);

            String wanted = event(owner(), "deal.closed_won", account, "installed");
            String otherAccount = event(owner(), "deal.closed_won", productAccount(stranger), "not-installed");
            String outsideScopes = event(owner(), "user.created", account, "no-scope");
            Api test = api().as(owner().post("/api/v1/api-keys", "{\"name\":\"" + unique("test") + "\",\"mode\":\"test\"}").text("key"));
            String testMode = event(test, "deal.closed_won", account, "test-mode");

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            assertThat(eventIds(asApp, endpoint)).containsExactly(wanted).doesNotContain(early, otherAccount, outsideScopes, testMode);
            Receiver.Received got = receiver.received().get(0);
            new Webhook(secret).verify(got.body(), got.headers());
            assertThat(got.body()).contains("\"installed\"").contains(account);

            // A message waiting for its retry (the receiver asked for an hour's pause) when the customer uninstalls never goes out.
            receiver.answer(r -> new Receiver.Answer(503, java.util.Map.of("Retry-After", "3600"), "busy"));
            String queued = event(owner(), "deal.closed_won", account, "queued");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(asApp, endpoint).stream()
                    .anyMatch(d -> d.get("event_id").asString().equals(queued) && d.get("attempts").asInt() == 1
                            && d.get("status").asString().equals("pending")));
            receiver.answer(r -> Receiver.Answer.ok());
            installs.uninstall(customer.caller(), installation.id());
            String after = event(owner(), "deal.closed_won", account, "after-uninstall");

            JsonNode cancelled = deliveries(asApp, endpoint).stream().filter(d -> d.get("event_id").asString().equals(queued)).findFirst().orElseThrow();
            assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
            assertThat(cancelled.get("last_error").asString()).contains("uninstalled");
            assertThat(eventIds(asApp, endpoint)).doesNotContain(after);
            assertProblem(asApp.post("/api/v1/webhook-endpoints/" + endpoint + "/deliveries/" + cancelled.get("id").asString() + "/resend", ""),
                    409, "/problems/conflict");
            // The test message still reaches the endpoint: the install ended, the endpoint did not.
            assertThat(asApp.post("/api/v1/webhook-endpoints/" + endpoint + "/test", "").status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains("webhook.test")));
            assertThat(receiver.received()).filteredOn(r -> r.body().contains("\"queued\"")).hasSize(1);
            assertThat(receiver.received()).noneMatch(r -> r.body().contains("after-uninstall"));

            // The review check judges the app on these real deliveries: one attempt was refused with a 503.
            ReviewCheck.Result health = webhookHealth.check(new ReviewCheck.Subject("lst_x", partner.id(), app.id(), null, List.of()));
            assertThat(health.outcome()).isEqualTo(ReviewCheck.Outcome.WARNING);
            assertThat(health.findings()).anySatisfy(f -> assertThat(f).contains("delivery attempts succeeded in the last 7 days"));

            // Installing again brings the subscription back for new events.
            installs.install(customer.caller(), slug);
            String back = event(owner(), "deal.closed_won", account, "reinstalled");
            assertThat(eventIds(asApp, endpoint)).contains(back);
        }
    }

    @Test
    void suspendingTheAppCancelsWhatIsQueuedAndReinstatingDeliversOnlyNewEvents() throws Exception {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Suspended Maker"));
        AppCredentials app = app(partner);
        String slug = publishWithApp(partner, app);
        String listingId = jdbc.sql("select id from mkt_listings where slug = :slug").param("slug", slug).query(String.class).single();
        Api asApp = appToken(app);
        Api partnerKey = api().as(partner.key());

        try (Receiver receiver = new Receiver()) {
            String endpoint = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"deal.closed_won\"]}")
                    .text("id");
            Customers customer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
            String account = productAccount(customer);
            Installation installation = installs.install(customer.caller(), slug);
            String before = event(owner(), "deal.closed_won", account, "before-suspension");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains(before)));

            // The receiver asks for an hour's pause: the next message waits for its retry when the owner suspends the app.
            receiver.answer(r -> new Receiver.Answer(503, java.util.Map.of("Retry-After", "3600"), "busy"));
            String queued = event(owner(), "deal.closed_won", account, "queued-at-suspension");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(partnerKey, endpoint).stream()
                    .anyMatch(d -> d.get("event_id").asString().equals(queued) && d.get("attempts").asInt() == 1
                            && d.get("status").asString().equals("pending")));
            receiver.answer(r -> Receiver.Answer.ok());
            double cancelledBefore = cancelledMetric();
            Api.Response suspended = owner().post("/api/v1/marketplace/managed-listings/" + listingId + "/suspend",
                    "{\"reason\":\"Leaking contact data\"}");
            assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);

            JsonNode cancelled = delivery(partnerKey, endpoint, queued);
            assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
            assertThat(cancelled.get("last_error").asString()).contains("suspended").contains("Leaking contact data");
            assertThat(cancelledMetric() - cancelledBefore).isEqualTo(1.0);
            assertThat(owner().get("/api/v1/marketplace/installations/" + installation.id()).json().get("works").asBoolean()).isFalse();
            // Its tokens stop working (the app's own client-credentials token included); the partner still manages the endpoint.
            assertProblem(asApp.get("/api/v1/webhook-endpoints/" + endpoint), 401, "/problems/unauthenticated");
            // Events while suspended are not queued for the app.
            String during = event(owner(), "deal.closed_won", account, "during-suspension");
            assertThat(eventIds(partnerKey, endpoint)).doesNotContain(during);
            assertProblem(partnerKey.post("/api/v1/webhook-endpoints/" + endpoint + "/deliveries/" + cancelled.get("id").asString() + "/resend", ""),
                    409, "/problems/conflict");

            Api.Response reinstated = owner().post("/api/v1/marketplace/managed-listings/" + listingId + "/reinstate", "");
            assertThat(reinstated.status()).as(reinstated.body()).isEqualTo(200);
            assertThat(owner().get("/api/v1/marketplace/installations/" + installation.id()).json().get("works").asBoolean()).isTrue();
            String after = event(owner(), "deal.closed_won", account, "after-reinstatement");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains(after)));

            // What was cancelled stays cancelled and still cannot be resent; what happened while suspended never goes out.
            JsonNode stillCancelled = delivery(partnerKey, endpoint, queued);
            assertThat(stillCancelled.get("status").asString()).isEqualTo("cancelled");
            assertProblem(partnerKey.post("/api/v1/webhook-endpoints/" + endpoint + "/deliveries/" + stillCancelled.get("id").asString() + "/resend",
                    ""), 409, "/problems/conflict");
            Api.Response recovered = partnerKey.post("/api/v1/webhook-endpoints/" + endpoint + "/recover", "{\"since\":\"2000-01-01T00:00:00Z\"}");
            assertThat(recovered.json().get("recovered").asInt()).as(recovered.body()).isZero();
            assertThat(eventIds(partnerKey, endpoint)).doesNotContain(during);
            assertThat(receiver.received()).filteredOn(r -> r.body().contains("queued-at-suspension")).hasSize(1);
            assertThat(receiver.received()).noneMatch(r -> r.body().contains("during-suspension"));
        }
    }

    private static JsonNode delivery(Api api, String endpointId, String eventId) {
        return deliveries(api, endpointId).stream().filter(d -> d.get("event_id").asString().equals(eventId)).findFirst().orElseThrow();
    }

    private double cancelledMetric() {
        return meters.find("flywheel.webhooks.deliveries.cancelled").tag("reason", "suspended").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void aPartnerSeesOnlyItsOwnAppsEndpoints() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Mine"));
        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Theirs"));
        AppCredentials app = app(partner);
        AppCredentials secondApp = app(partner);
        AppCredentials foreignApp = app(other);
        Api asApp = appToken(app);
        Api asSecondApp = appToken(secondApp);
        Api asForeignApp = appToken(foreignApp);
        Api partnerKey = api().as(partner.key());
        Api otherKey = api().as(other.key());

        String endpoint = asApp.post("/api/v1/webhook-endpoints", "{\"url\":\"https://hooks.partner.example/a\",\"event_types\":[\"deal.closed_won\"]}")
                .text("id");
        // The partner's key manages it too, naming the app; without an app a partner cannot create one.
        Api.Response byKey = partnerKey.post("/api/v1/webhook-endpoints",
                "{\"url\":\"https://hooks.partner.example/b\",\"event_types\":[\"deal.closed_won\"],\"app_id\":\"" + secondApp.id() + "\"}");
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(201);
        assertThat(byKey.text("app_id")).isEqualTo(secondApp.id());
        assertProblem(partnerKey.post("/api/v1/webhook-endpoints", "{\"url\":\"https://hooks.partner.example/c\",\"event_types\":[\"deal.closed_won\"]}"),
                400, "/problems/validation");
        assertThat(partnerKey.get("/api/v1/webhook-endpoints").body()).contains(endpoint);
        assertThat(partnerKey.get("/api/v1/webhook-endpoints/" + endpoint).status()).isEqualTo(200);
        assertThat(partnerKey.get("/api/v1/webhook-endpoints/" + endpoint + "/secret").text("secret")).startsWith("whsec_");

        // Another app of the same partner, another partner, and another partner's app: not found, never listed.
        assertProblem(asSecondApp.get("/api/v1/webhook-endpoints/" + endpoint), 404, "/problems/not-found");
        assertThat(asSecondApp.get("/api/v1/webhook-endpoints").body()).doesNotContain(endpoint);
        assertProblem(otherKey.get("/api/v1/webhook-endpoints/" + endpoint), 404, "/problems/not-found");
        assertProblem(otherKey.get("/api/v1/webhook-endpoints/" + endpoint + "/secret"), 404, "/problems/not-found");
        assertProblem(otherKey.delete("/api/v1/webhook-endpoints/" + endpoint), 404, "/problems/not-found");
        assertProblem(asForeignApp.post("/api/v1/webhook-endpoints/" + endpoint + "/secret/rotate", ""), 404, "/problems/not-found");
        assertThat(otherKey.get("/api/v1/webhook-endpoints").body()).doesNotContain(endpoint);
        assertProblem(otherKey.post("/api/v1/webhook-endpoints",
                "{\"url\":\"https://hooks.other.example/x\",\"event_types\":[\"deal.closed_won\"],\"app_id\":\"" + app.id() + "\"}"), 404, "/problems/not-found");
        // An app's token cannot act for another app, and the owner's list stays the owner's own.
        assertProblem(asApp.post("/api/v1/webhook-endpoints",
                "{\"url\":\"https://hooks.partner.example/d\",\"event_types\":[\"deal.closed_won\"],\"app_id\":\"" + secondApp.id() + "\"}"),
                400, "/problems/validation");
        assertThat(owner().get("/api/v1/webhook-endpoints?limit=100").body()).doesNotContain(endpoint);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
