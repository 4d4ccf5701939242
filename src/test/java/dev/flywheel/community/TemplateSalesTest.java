package dev.flywheel.community;

import static dev.flywheel.community.CommunityFixtures.submission;
import static dev.flywheel.community.CommunityFixtures.workflow;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Tag("database")
class TemplateSalesTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private record Partner(String id, Api api) {
    }

    private Partner partner(String type) {
        Api.Response p = owner().post("/api/v1/partners", "{\"name\":\"" + unique("Sellers") + "\",\"type\":\"" + type + "\",\"admin_email\":\""
                + uniqueEmail("admin") + "\"}");
        Api.Response key = owner().post("/api/v1/partners/" + p.text("id") + "/api-keys", "{\"name\":\"gallery\"}");
        return new Partner(p.text("id"), api().as(key.text("key")));
    }

    private String customer() {
        Api.Response r = owner().put("/api/v1/accounts/" + unique("cus"), "{\"name\":\"" + unique("Buyer Inc") + "\"}");
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.text("id");
    }

    /** A template by {@code author}, priced as given (null: free), approved by the owner. */
    private String published(Api author, String title, Long price) {
        ObjectNode body = submission(title, workflow("New deal: {{ $json.name }}"));
        if (price != null) {
            body.putObject("price").put("amount", price).put("currency", "USD");
        }
        Api.Response created = author.post("/api/v1/community/templates", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        String versionId = owner().get("/api/v1/community/moderation/queue?limit=100").json().get("data").valueStream()
                .filter(i -> i.get("template_id").asString().equals(id)).findFirst().orElseThrow().get("version_id").asString();
        assertThat(owner().post("/api/v1/community/moderation/versions/" + versionId + "/decision", "{\"decision\":\"approved\"}").status())
                .isEqualTo(200);
        return id;
    }

    private Api.Response purchase(String templateId, String accountId, String reference) {
        return owner().post("/api/v1/community/templates/" + templateId + "/purchases",
                "{\"account_id\":\"" + accountId + "\",\"reference\":\"" + reference + "\"}");
    }

    private long available(String partnerId) {
        JsonNode balances = owner().get("/api/v1/partners/" + partnerId + "/balance").json().get("balances");
        return balances.valueStream().filter(b -> b.get("currency").asString().equals("USD")).mapToLong(b -> b.get("available").asLong()).sum();
    }

    @Test
    void aPurchasePostsGmvShareAndFeeToTheLedgerOnceAndShowsOnEarnings() {
        Partner author = partner("solution");
        String template = published(author.api(), unique("Paid pipeline digest"), 1900L);
        String buyer = customer();
        String reference = unique("inv");

        Api.Response first = purchase(template, buyer, reference);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("gmv").asLong()).isEqualTo(1900);
        assertThat(first.json().get("contributor_share").asLong()).isEqualTo(1330);
        assertThat(first.json().get("platform_fee").asLong()).isEqualTo(570);
        assertThat(first.text("ledger_transaction_id")).startsWith("ltx");
        assertThat(available(author.id())).isEqualTo(1330);

        Api.Response again = purchase(template, buyer, reference);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(available(author.id())).as("a retried report must not pay twice").isEqualTo(1330);

        // The same reference for another template is a mistake the product must hear about.
        String other = published(author.api(), unique("Other paid"), 500L);
        assertProblem(purchase(other, buyer, reference), 409, "/problems/conflict");

        JsonNode earnings = author.api().get("/api/v1/community/contributors/" + author.id() + "/earnings").json();
        JsonNode usd = earnings.get("totals").get(0);
        assertThat(usd.get("sales").asLong()).isEqualTo(1);
        assertThat(usd.get("net_share").asLong()).isEqualTo(1330);
        assertThat(earnings.get("recent_sales").get(0).get("id").asString()).isEqualTo(first.text("id"));
        // Earnings are private to the contributor and the owner.
        assertProblem(partner("solution").api().get("/api/v1/community/contributors/" + author.id() + "/earnings"), 404, "/problems/not-found");
    }

    @Test
    void concurrentReportsOfOnePurchaseRecordItOnce() throws Exception {
        Partner author = partner("technology");
        String template = published(author.api(), unique("Paid sync"), 2500L);
        String buyer = customer();
        String reference = unique("inv");
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Api.Response> call = () -> {
                    start.await();
                    return purchase(template, buyer, reference);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : answers) {
                responses.add(f.get());
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201));
            assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
            assertThat(responses.stream().map(r -> r.text("id")).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(available(author.id())).isEqualTo(1750);
        assertThat(author.api().get("/api/v1/community/contributors/" + author.id() + "/earnings").json().at("/totals/0/sales").asLong())
                .isEqualTo(1);
    }

    @Test
    void aPaidTemplatesWorkflowGoesOnlyToBuyersAndNotToN8n() {
        Partner author = partner("solution");
        String title = unique("Paid renewal radar");
        String template = published(author.api(), title, 4900L);
        Partner buyer = partner("referral");
        Partner stranger = partner("referral");

        JsonNode publicView = api().get("/api/v1/community/gallery/templates/" + template).json();
        assertThat(publicView.get("price").get("amount").asLong()).isEqualTo(4900);
        assertThat(publicView.path("payload").isMissingNode()).as("no payload for a visitor").isTrue();
        assertThat(publicView.get("payload_withheld").asBoolean()).isTrue();
        String search = api().get("/n8n/templates/search?search=" + URLEncoder.encode(title, StandardCharsets.UTF_8)).body();
        assertThat(search).doesNotContain(title);

        assertProblem(stranger.api().post("/api/v1/community/templates/" + template + "/copies", "{}"), 422, "/problems/unprocessable");
        assertThat(purchase(template, buyer.id(), unique("order")).status()).isEqualTo(201);

        assertThat(buyer.api().get("/api/v1/community/gallery/templates/" + template).json().get("payload").get("nodes").size()).isEqualTo(2);
        assertThat(buyer.api().post("/api/v1/community/templates/" + template + "/copies", "{}").status()).isEqualTo(201);
        assertThat(stranger.api().get("/api/v1/community/gallery/templates/" + template).json().path("payload").isMissingNode()).isTrue();
    }

    @Test
    void aRefundReversesTheSaleOnceAndEndsTheBuyersAccess() {
        Partner author = partner("solution");
        String template = published(author.api(), unique("Paid churn alerts"), 1000L);
        Partner buyer = partner("referral");
        String purchaseId = purchase(template, buyer.id(), unique("order")).text("id");
        assertThat(available(author.id())).isEqualTo(700);

        assertProblem(author.api().post("/api/v1/community/purchases/" + purchaseId + "/refund", "{\"reason\":\"mine\"}"), 403,
                "/problems/forbidden");
        assertProblem(owner().post("/api/v1/community/purchases/" + purchaseId + "/refund", "{}"), 400, "/problems/validation");
        Api.Response refunded = owner().post("/api/v1/community/purchases/" + purchaseId + "/refund", "{\"reason\":\"Buyer cancelled\"}");
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        assertThat(refunded.text("refund_transaction_id")).startsWith("ltx");
        assertThat(available(author.id())).isZero();

        Api.Response twice = owner().post("/api/v1/community/purchases/" + purchaseId + "/refund", "{\"reason\":\"Buyer cancelled\"}");
        assertThat(twice.text("refund_transaction_id")).isEqualTo(refunded.text("refund_transaction_id"));
        assertThat(available(author.id())).as("a second refund must not take the share back twice").isZero();

        assertProblem(buyer.api().post("/api/v1/community/templates/" + template + "/copies", "{}"), 422, "/problems/unprocessable");
        JsonNode totals = owner().get("/api/v1/community/contributors/" + author.id() + "/earnings").json().get("totals").get(0);
        assertThat(totals.get("refunds").asLong()).isEqualTo(1);
        assertThat(totals.get("net_share").asLong()).isZero();
    }

    @Test
    void freeTemplatesStayFreeAndBadPricesOrReportsAreRefused() {
        Partner author = partner("solution");
        String free = published(author.api(), unique("Free digest"), null);
        JsonNode freeView = api().get("/api/v1/community/gallery/templates/" + free).json();
        assertThat(freeView.path("price").isMissingNode()).isTrue();
        assertThat(freeView.get("payload").get("nodes").size()).isEqualTo(2);
        assertProblem(purchase(free, customer(), unique("inv")), 422, "/problems/unprocessable");
        assertThat(partner("referral").api().post("/api/v1/community/templates/" + free + "/copies", "{}").status()).isEqualTo(201);

        ObjectNode bad = submission(unique("Negative"), workflow("x"));
        bad.putObject("price").put("amount", -5).put("currency", "USD");
        assertProblem(author.api().post("/api/v1/community/templates", bad.toString()), 400, "/problems/validation");
        bad.putObject("price").put("amount", 100).put("currency", "XYZ");
        assertProblem(author.api().post("/api/v1/community/templates", bad.toString()), 400, "/problems/validation");
        assertThat(owner().get("/api/v1/community/moderation/queue?limit=100").body()).doesNotContain("Negative");

        String paid = published(author.api(), unique("Priced later"), null);
        assertProblem(owner().post("/api/v1/community/templates/" + paid + "/purchases", "{\"account_id\":\"" + customer() + "\"}"), 400,
                "/problems/validation");
        assertProblem(author.api().post("/api/v1/community/templates/" + paid + "/purchases",
                "{\"account_id\":\"" + customer() + "\",\"reference\":\"x\"}"), 403, "/problems/forbidden");
        Api.Response priced = author.api().put("/api/v1/community/templates/" + paid + "/price", "{\"amount\":1500,\"currency\":\"eur\"}");
        assertThat(priced.json().get("price").get("currency").asString()).isEqualTo("EUR");
        assertProblem(partner("solution").api().put("/api/v1/community/templates/" + paid + "/price", "{\"amount\":1}"), 404,
                "/problems/not-found");
        assertThat(purchase(paid, customer(), unique("inv")).json().get("currency").asString()).isEqualTo("EUR");
        assertThat(author.api().put("/api/v1/community/templates/" + paid + "/price", "{\"amount\":null}").json().path("price").isMissingNode()).isTrue();
        assertProblem(purchase(paid, customer(), unique("inv")), 422, "/problems/unprocessable");
    }
}
