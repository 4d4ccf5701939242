package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Builders for marketplace tests: a technology partner with a key, and a complete listing body. */
final class MarketplaceFixtures {

    record Partner(String id, String key) {
    }

    private MarketplaceFixtures() {
    }

    static Partner technologyPartner(Api owner, String name) {
        Api.Response created = owner.post("/api/v1/partners", "{\"name\":\"" + name + "\",\"type\":\"technology\",\"admin_email\":\""
                + name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + java.util.UUID.randomUUID().toString().substring(0, 6) + "@example.org\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        Api.Response key = owner.post("/api/v1/partners/" + id + "/api-keys", "{\"name\":\"marketplace\"}");
        return new Partner(id, key.text("key"));
    }

    /** A listing body that passes every check, with the given name and words to search for. */
    static String listing(String name, String tagline, String keywords) {
        return """
                {"name":"%s","tagline":"%s",
                 "job":"Keeps every customer conversation in one timeline so account managers never miss a renewal signal again.",
                 "how_it_works":"Reads contacts and deals through the API, and listens to invoice events to update the timeline.",
                 "setup":"Install, approve the requested scopes, pick the pipelines to sync, and the first sync starts at once.",
                 "categories":["crm"],"keywords":[%s],
                 "screenshots":["https://cdn.acme.example/s1.png","https://cdn.acme.example/s2.png","https://cdn.acme.example/s3.png"],
                 "demo_video_url":"https://video.acme.example/demo",
                 "pricing":[{"name":"Free","kind":"free","amount":0,"currency":"USD"},{"name":"Team","kind":"per_seat","amount":800,"currency":"USD"}],
                 "website_url":"https://acme.example","support_url":"https://acme.example/support","privacy_url":"https://acme.example/privacy",
                 "terms_url":"https://acme.example/terms",
                 "required_scopes":["contacts:read","deals:read"],
                 "features":[{"name":"Timeline of contacts","scopes":["contacts:read"]},{"name":"Renewal alerts","scopes":["deals:read"]}],
                 "event_types":["invoice.paid"],"api_versions":["2026-01-15"]}
                """.formatted(name, tagline, keywords);
    }

    static Api.Response awaitState(Api api, String listingId, String state) {
        return awaitListing(api, listingId, r -> state.equals(r.text("state")));
    }

    static Api.Response awaitListing(Api api, String listingId, Predicate<Api.Response> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/marketplace/managed-listings/" + listingId), condition::test);
    }

    /** Creates, submits and approves a listing; returns its id. */
    static String publish(Api owner, Partner partner, String name, String tagline, String keywords) {
        return publishBody(owner, partner, listing(name, tagline, keywords));
    }

    static String publishBody(Api owner, Partner partner, String body) {
        Api api = IntegrationTestAccess.api(owner, partner.key());
        Api.Response created = api.post("/api/v1/marketplace/managed-listings", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "").status()).isEqualTo(200);
        awaitState(api, id, "human_review");
        Api.Response approved = owner.post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{\"note\":\"looks good\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        return id;
    }

    /** Switches an owner client to another key. */
    static final class IntegrationTestAccess {
        static Api api(Api any, String key) {
            return any.as(key);
        }
    }

    static String quoted(String... words) {
        return String.join(",", java.util.Arrays.stream(words).map(w -> "\"" + w + "\"").toList());
    }

    static Class<?> base() {
        return IntegrationTest.class;
    }
}
