package dev.flywheel.marketplace;

import static dev.flywheel.marketplace.MarketplaceFixtures.awaitState;
import static dev.flywheel.marketplace.MarketplaceFixtures.listing;
import static dev.flywheel.marketplace.MarketplaceFixtures.quoted;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class ListingLifecycleApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void aListingGoesFromDraftThroughChecksAndReviewToTheStorefront() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Acme"));
        Api api = api().as(partner.key());
        String name = unique("Timeline");
        Api.Response created = api.post("/api/v1/marketplace/managed-listings", listing(name, "Every customer conversation in one timeline",
                quoted("timeline", "renewals", "conversations")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("state")).isEqualTo("draft");
        assertThat(created.json().get("completeness").get("percent").asInt()).isEqualTo(100);
        String id = created.text("id");
        assertThat(id).startsWith("lst_");

        Api.Response submitted = api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Api.Response inReview = awaitState(api, id, "human_review");
        JsonNode review = inReview.json().get("review");
        assertThat(review.get("queue_position").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(review.get("sla_due_at").asString()).isNotBlank();
        assertThat(review.get("sla_remaining_seconds").asLong()).isPositive();
        assertThat(review.get("checks").findValuesAsString("check")).contains("required-fields", "urls-reachable", "name-similarity",
                "scopes-justified", "no-secrets-in-text", "webhook-endpoint-health");
        assertThat(review.get("checks").toString()).contains("not_applicable");
        assertThat(review.get("history").findValuesAsString("to")).containsExactly("draft", "submitted", "automated_checks", "human_review");
        assertThat(review.get("history").get(1).get("at").asString()).isNotBlank();

        // Not public before the owner approves.
        assertProblem(api().get("/api/v1/marketplace/listings/" + created.text("slug")), 404, "/problems/not-found");
        // A partner cannot approve its own listing.
        assertProblem(api.post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{}"), 403, "/problems/forbidden");

        Api.Response approved = owner().post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{\"note\":\"ok\"}");
        assertThat(approved.text("state")).isEqualTo("published");
        assertThat(approved.json().get("live").asBoolean()).isTrue();

        Api.Response listed = api().get("/api/v1/marketplace/listings?q=" + name);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode first = listed.json().get("data").get(0);
        assertThat(first.get("id").asString()).isEqualTo(id);
        assertThat(first.get("name").asString()).isEqualTo(name);
        assertThat(first.get("slug").asString()).isEqualTo(created.text("slug"));
        assertThat(first.get("categories").get(0).asString()).isEqualTo("crm");
        assertThat(first.get("certification_tier").asString()).isEqualTo("listed");
        assertThat(first.get("rating").asDouble()).isBetween(1.0, 5.0);
        assertThat(first.get("review_count").asLong()).isZero();
        assertThat(first.get("install_count").asLong()).isZero();

        Api.Response detail = api().get("/api/v1/marketplace/listings/" + created.text("slug"));
        assertThat(detail.text("job")).startsWith("Keeps every customer conversation");
        assertThat(detail.json().get("pricing").get(1).get("kind").asString()).isEqualTo("per_seat");
    }

    @Test
    void theRankingBreakdownIsForTheListingsPartnerAndTheOwnerOnly() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Rank"));
        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Other"));
        String name = unique("Ledgerly");
        String id = MarketplaceFixtures.publish(owner(), partner, name, "Reconciles invoices with the bank every night", quoted("bank", "invoices"));
        String slug = owner().get("/api/v1/marketplace/managed-listings/" + id).text("slug");

        Api.Response mine = api().as(partner.key()).get("/api/v1/marketplace/listings/" + slug + "/ranking?q=" + name);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("terms").findValuesAsString("name")).containsExactly("relevance", "install_velocity", "rating",
                "review_volume", "reply_rate", "completeness", "certification", "retention_30d");
        double sum = 0;
        for (JsonNode term : mine.json().get("terms")) {
            sum += term.get("contribution").asDouble();
        }
        assertThat(mine.json().get("score").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.001));
        assertThat(mine.json().get("position").asInt()).isEqualTo(1);
        assertThat(mine.json().get("exact_name_match").asBoolean()).isTrue();
        assertThat(owner().get("/api/v1/marketplace/listings/" + slug + "/ranking").status()).isEqualTo(200);
        assertProblem(api().as(other.key()).get("/api/v1/marketplace/listings/" + slug + "/ranking"), 403, "/problems/forbidden");
        assertProblem(api().get("/api/v1/marketplace/listings/" + slug + "/ranking"), 401, "/problems/unauthenticated");
    }

    @Test
    void failedChecksRejectWithReasonsAndTheFixedVersionIsResubmitted() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Leaky"));
        Api api = api().as(partner.key());
        String body = listing(unique("Leaky Sync"), "Syncs things", quoted("sync"))
                .replace("\"required_scopes\":[\"contacts:read\",\"deals:read\"]", "\"required_scopes\":[\"contacts:read\",\"deals:read\",\"invoices:write\"]")
                .replace("pick the pipelines to sync", "use password=hunter2secret to sync");
        String id = api.post("/api/v1/marketplace/managed-listings", body).text("id");
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        Api.Response rejected = awaitState(api, id, "rejected");
        String reasons = rejected.json().get("review").get("reasons").toString();
        assertThat(reasons).contains("invoices:write").contains("setup contains what looks like a password");
        assertThat(reasons).doesNotContain("hunter2secret");

        // Edit the rejected version, resubmit: the checks pass this time.
        String fixed = listing(unique("Leaky Sync"), "Syncs things", quoted("sync"));
        assertThat(api.put("/api/v1/marketplace/managed-listings/" + id, fixed).status()).isEqualTo(200);
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        Api.Response again = awaitState(api, id, "human_review");
        assertThat(again.json().get("review").get("history").findValuesAsString("note")).contains("resubmitted");
    }

    @Test
    void aRejectedListingCanBeAppealedAndTheAppealDecided() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Appeal"));
        Api api = api().as(partner.key());
        String id = api.post("/api/v1/marketplace/managed-listings", listing(unique("Appealable"), "A tagline that is long enough", quoted("x")))
                .text("id");
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        awaitState(api, id, "human_review");
        assertProblem(owner().post("/api/v1/marketplace/managed-listings/" + id + "/reject", "{\"reasons\":[]}"), 400, "/problems/validation");
        Api.Response rejected = owner().post("/api/v1/marketplace/managed-listings/" + id + "/reject",
                "{\"reasons\":[\"Screenshots show another product\"]}");
        assertThat(rejected.text("state")).isEqualTo("rejected");
        assertThat(rejected.json().get("review").get("reasons").get(0).asString()).isEqualTo("Screenshots show another product");

        Api.Response appealed = api.post("/api/v1/marketplace/managed-listings/" + id + "/appeal",
                "{\"statement\":\"The screenshots are of our product; see the logo.\"}");
        assertThat(appealed.text("state")).isEqualTo("appealed");
        Api.Response published = owner().post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{}");
        assertThat(published.text("state")).isEqualTo("published");
        // Published is not editable in place and cannot be appealed.
        assertProblem(api.post("/api/v1/marketplace/managed-listings/" + id + "/appeal", "{\"statement\":\"again\"}"), 409, "/problems/conflict");
    }

    @Test
    void editingAPublishedListingStartsANewVersionThatIsReviewedAgainWhileTheOldOneStaysLive() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Versions"));
        String name = unique("Versioned");
        String id = MarketplaceFixtures.publish(owner(), partner, name, "The first tagline of this app", quoted("v1"));
        Api api = api().as(partner.key());
        Api.Response edited = api.put("/api/v1/marketplace/managed-listings/" + id, listing(name, "The second tagline of this app", quoted("v2")));
        assertThat(edited.text("state")).isEqualTo("draft");
        assertThat(edited.json().get("review").get("version").asInt()).isEqualTo(2);
        String slug = edited.text("slug");
        assertThat(api().get("/api/v1/marketplace/listings/" + slug).text("tagline")).isEqualTo("The first tagline of this app");

        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        awaitState(api, id, "human_review");
        owner().post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{}");
        Api.Response live = api().get("/api/v1/marketplace/listings/" + slug);
        assertThat(live.text("tagline")).isEqualTo("The second tagline of this app");
        assertThat(live.json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void privateAddressesInListingUrlsAreRefused() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Ssrf"));
        for (String url : new String[] {"http://127.0.0.1/admin", "http://10.0.0.7/", "http://169.254.169.254/latest/meta-data", "http://[::1]/",
            "http://localhost:8080/", "ftp://acme.example/file", "https://user:pw@acme.example/"}) {
            Api.Response r = api().as(partner.key()).post("/api/v1/marketplace/managed-listings",
                    listing(unique("Ssrf"), "tagline", quoted("a")).replace("https://acme.example/support", url));
            assertProblem(r, 400, "/problems/validation");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("support_url");
        }
    }

    @Test
    void onlyTechnologyPartnersAndTheOwnerCreateListings() {
        Api.Response referral = owner().post("/api/v1/partners", "{\"name\":\"" + unique("Ref") + "\",\"type\":\"referral\",\"admin_email\":\""
                + uniqueEmail("ref") + "\"}");
        String key = owner().post("/api/v1/partners/" + referral.text("id") + "/api-keys", "{}").text("key");
        assertProblem(api().as(key).post("/api/v1/marketplace/managed-listings", listing(unique("Nope"), "t", quoted("a"))), 403,
                "/problems/forbidden");
        assertProblem(api().post("/api/v1/marketplace/managed-listings", listing(unique("Anon"), "t", quoted("a"))), 401,
                "/problems/unauthenticated");
    }

    @Test
    void aSuspendedListingLeavesTheStorefrontAndComesBackWhenReinstated() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Susp"));
        String name = unique("Suspendable");
        String id = MarketplaceFixtures.publish(owner(), partner, name, "An app that will be suspended", quoted("s"));
        String slug = owner().get("/api/v1/marketplace/managed-listings/" + id).text("slug");
        assertProblem(api().as(partner.key()).post("/api/v1/marketplace/managed-listings/" + id + "/suspend", "{\"reason\":\"x\"}"), 403,
                "/problems/forbidden");
        Api.Response suspended = owner().post("/api/v1/marketplace/managed-listings/" + id + "/suspend", "{\"reason\":\"Leaked tokens\"}");
        assertThat(suspended.json().get("live").asBoolean()).isFalse();
        assertThat(suspended.text("suspension_reason")).isEqualTo("Leaked tokens");
        assertProblem(api().get("/api/v1/marketplace/listings/" + slug), 404, "/problems/not-found");
        owner().post("/api/v1/marketplace/managed-listings/" + id + "/reinstate", "");
        assertThat(api().get("/api/v1/marketplace/listings/" + slug).status()).isEqualTo(200);
    }

    @Test
    void listingsAreCursorPagedInRankOrder() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Pager"));
        String word = "pg" + unique("w").replace("-", "");
        for (int i = 0; i < 3; i++) {
            MarketplaceFixtures.publish(owner(), partner, unique("Paged " + i), "Paged listing " + word, quoted(word));
        }
        Api.Response page1 = api().get("/api/v1/marketplace/listings?limit=2&q=" + word);
        assertThat(page1.json().get("data").size()).isEqualTo(2);
        assertThat(page1.json().get("has_more").asBoolean()).isTrue();
        Api.Response page2 = api().get("/api/v1/marketplace/listings?limit=2&q=" + word + "&starting_after=" + page1.text("next_starting_after"));
        assertThat(page2.json().get("data").size()).isEqualTo(1);
        assertThat(page2.json().get("has_more").asBoolean()).isFalse();
        assertProblem(api().get("/api/v1/marketplace/listings?category=nonsense"), 400, "/problems/validation");
        assertProblem(api().get("/api/v1/marketplace/listings?limit=0"), 400, "/problems/validation");
    }

    @Test
    void theOwnerCuratesFeaturedCollectionsThatAnyoneSees() {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("Curated"));
        String first = MarketplaceFixtures.publish(owner(), partner, unique("Curated One"), "First curated app", quoted("curated"));
        String second = MarketplaceFixtures.publish(owner(), partner, unique("Curated Two"), "Second curated app", quoted("curated"));
        String slug = unique("best-for-sales");
        Api.Response put = owner().put("/api/v1/marketplace/collections/" + slug,
                "{\"title\":\"Best for sales teams\",\"listing_ids\":[\"" + second + "\",\"" + first + "\"],\"position\":1}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Api.Response listed = api().get("/api/v1/marketplace/collections");
        JsonNode mine = null;
        for (JsonNode c : listed.json()) {
            if (c.get("slug").asString().equals(slug)) {
                mine = c;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("listings").findValuesAsString("id")).containsExactly(second, first);
        assertProblem(api().as(partner.key()).put("/api/v1/marketplace/collections/" + slug, "{\"title\":\"x\",\"listing_ids\":[\"" + first + "\"]}"),
                403, "/problems/forbidden");
        assertProblem(owner().put("/api/v1/marketplace/collections/" + slug, "{\"title\":\"x\",\"listing_ids\":[\"lst_nope\"]}"), 400,
                "/problems/validation");
        assertThat(api().get("/marketplace").body()).contains("Best for sales teams");
    }
}
