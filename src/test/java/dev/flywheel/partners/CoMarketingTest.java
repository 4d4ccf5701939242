package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Mode;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("database")
class CoMarketingTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private static String money(long amount, String currency) {
        return "{\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}";
    }

    @Test
    void aFundRequestGoesFromBudgetToPaidThroughTheLedger() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        Api.Response budget = owner().put("/api/v1/partners/" + p.id() + "/fund-budgets/2026-Q4", "{\"amount\":" + money(500000, "USD") + "}");
        assertThat(budget.status()).as(budget.body()).isEqualTo(200);
        assertThat(budget.json().get("remaining").get("amount").asLong()).isEqualTo(500000);

        Api.Response requested = api().as(p.key()).post("/api/v1/fund-requests",
                "{\"period\":\"2026-Q4\",\"activity\":\"Joint webinar on invoicing\",\"amount\":" + money(150000, "USD") + "}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.text("status")).isEqualTo("requested");
        String id = requested.text("id");
        assertThat(id).startsWith("mdf_");

        // a partner cannot skip ahead, nor pay itself
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests/" + id + "/claim", "{\"proof_url\":\"https://x.example/rec\"}"), 409,
                "/problems/conflict");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests/" + id + "/approve", "{}"), 403, "/problems/forbidden");
        assertProblem(owner().post("/api/v1/fund-requests/" + id + "/pay", ""), 409, "/problems/conflict");

        assertThat(owner().post("/api/v1/fund-requests/" + id + "/approve", "{\"reason\":\"good fit\"}").text("status")).isEqualTo("approved");
        assertProblem(owner().post("/api/v1/fund-requests/" + id + "/decline", "{}"), 409, "/problems/conflict");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests/" + id + "/claim",
                "{\"proof_url\":\"https://x.example/rec\",\"amount\":" + money(150001, "USD") + "}"), 400, "/problems/validation");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests/" + id + "/claim", "{\"proof_url\":\"javascript:alert(1)\"}"), 400,
                "/problems/validation");

        Api.Response claimed = api().as(p.key()).post("/api/v1/fund-requests/" + id + "/claim",
                "{\"proof_url\":\"https://x.example/recording\",\"amount\":" + money(120000, "USD") + ",\"note\":\"fewer ads than planned\"}");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.text("status")).isEqualTo("claimed");
        assertThat(owner().get("/api/v1/partners/" + p.id() + "/fund-budgets").json().get(0).get("remaining").get("amount").asLong())
                .isEqualTo(380000);

        assertThat(owner().post("/api/v1/fund-requests/" + id + "/approve-claim", "{}").text("status")).isEqualTo("claim_approved");
        Api.Response paid = owner().post("/api/v1/fund-requests/" + id + "/pay", "");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.text("status")).isEqualTo("paid");
        assertThat(paid.text("ledger_transaction_id")).isNotBlank();
        assertProblem(owner().post("/api/v1/fund-requests/" + id + "/pay", ""), 409, "/problems/conflict");

        assertThat(ledger.balances(p.id(), Mode.LIVE)).anySatisfy(b -> {
            assertThat(b.bucket()).isEqualTo(PartnerCoMarketing.MDF_RECEIVED);
            assertThat(b.amount().amount()).isEqualTo(120000);
        });
        assertThat(ledger.trialBalance()).allMatch(m -> m.amount() == 0);
        assertThat(owner().get("/api/v1/partners/" + p.id() + "/fund-budgets").json().get(0).get("paid").get("amount").asLong()).isEqualTo(120000);
        assertThat(api().as(p.key()).get("/api/v1/fund-requests").json().get("data").get(0).get("id").asText()).isEqualTo(id);
    }

    @Test
    void requestsBeyondTheBudgetOrWithBadInputAreRefused() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "technology");
        PartnerFixtures.Partner other = PartnerFixtures.partner(owner(), "technology");
        String base = "/api/v1/partners/" + p.id() + "/fund-budgets/";
        assertProblem(owner().put(base + "2026-13", "{\"amount\":" + money(1000, "USD") + "}"), 400, "/problems/validation");
        assertProblem(owner().put(base + "2026-Q1", "{\"amount\":" + money(-5, "USD") + "}"), 400, "/problems/validation");
        assertProblem(owner().put(base + "2026-Q1", "{\"amount\":" + money(1000, "XYZ") + "}"), 400, "/problems/validation");
        assertProblem(api().as(p.key()).put(base + "2026-Q1", "{\"amount\":" + money(1000, "USD") + "}"), 403, "/problems/forbidden");
        owner().put(base + "2026-Q1", "{\"amount\":" + money(100000, "USD") + "}");

        String request = "{\"period\":\"2026-Q1\",\"activity\":\"Case study\",\"amount\":";
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests", request + money(100001, "USD") + "}"), 422, "/problems/unprocessable");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests", request + money(1000, "EUR") + "}"), 422, "/problems/unprocessable");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests", request + money(0, "USD") + "}"), 400, "/problems/validation");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests", request + "{\"amount\":12.5,\"currency\":\"USD\"}}"), 400,
                "/problems/validation");
        assertProblem(owner().post("/api/v1/fund-requests", request + money(1000, "USD") + "}"), 403, "/problems/forbidden");
        String first = api().as(p.key()).post("/api/v1/fund-requests", request + money(60000, "USD") + "}").text("id");
        assertProblem(api().as(p.key()).post("/api/v1/fund-requests", request + money(50000, "USD") + "}"), 422, "/problems/unprocessable");
        assertProblem(owner().put(base + "2026-Q1", "{\"amount\":" + money(50000, "USD") + "}"), 409, "/problems/conflict");
        // a declined request gives its money back to the budget
        owner().post("/api/v1/fund-requests/" + first + "/decline", "{\"reason\":\"not this quarter\"}");
        assertThat(api().as(p.key()).post("/api/v1/fund-requests", request + money(100000, "USD") + "}").status()).isEqualTo(201);
        // others cannot see or claim it
        assertProblem(api().as(other.key()).get("/api/v1/fund-requests/" + first), 404, "/problems/not-found");
        assertProblem(api().as(other.key()).get("/api/v1/partners/" + p.id() + "/fund-budgets"), 404, "/problems/not-found");
    }

    @Test
    void twoManagersApprovingTheSameClaimAtOnceGetOneSuccess() throws Exception {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        owner().put("/api/v1/partners/" + p.id() + "/fund-budgets/2026-Q2", "{\"amount\":" + money(90000, "EUR") + "}");
        String id = api().as(p.key()).post("/api/v1/fund-requests",
                "{\"period\":\"2026-Q2\",\"activity\":\"Landing page\",\"amount\":" + money(90000, "EUR") + "}").text("id");
        owner().post("/api/v1/fund-requests/" + id + "/approve", "{}");
        api().as(p.key()).post("/api/v1/fund-requests/" + id + "/claim", "{\"proof_url\":\"https://x.example/page\"}");
        owner().post("/api/v1/fund-requests/" + id + "/approve-claim", "{}");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(() -> owner().post("/api/v1/fund-requests/" + id + "/pay", "").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(ledger.balances(p.id(), Mode.LIVE)).singleElement().satisfies(b -> assertThat(b.amount().amount()).isEqualTo(90000));
    }

    @Test
    void assetsAreRecordedPerPartnerAndValidated() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "technology");
        String path = "/api/v1/partners/" + p.id() + "/co-marketing-assets";
        Api.Response created = api().as(p.key()).post(path,
                "{\"kind\":\"joint_listing\",\"title\":\"Listed together on AppExchange\",\"url\":\"https://apps.example/acme\",\"live_on\":\"2026-10-01\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("kind")).isEqualTo("joint_listing");
        assertThat(owner().post(path, "{\"kind\":\"WEBINAR\",\"title\":\"Planned webinar\"}").status()).isEqualTo(201);
        assertProblem(owner().post(path, "{\"kind\":\"billboard\",\"title\":\"x\"}"), 400, "/problems/validation");
        assertProblem(owner().post(path, "{\"kind\":\"webinar\",\"title\":\"x\",\"url\":\"ftp://x.example\"}"), 400, "/problems/validation");
        assertProblem(owner().post(path, "{\"kind\":\"webinar\",\"title\":\"\"}"), 400, "/problems/validation");
        Api.Response list = owner().get(path);
        assertThat(list.json().get("data")).hasSize(2);
        assertThat(list.json().get("data").get(0).get("title").asText()).isEqualTo("Planned webinar");
    }
}
