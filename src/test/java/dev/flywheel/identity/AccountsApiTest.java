package dev.flywheel.identity;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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

@Tag("database")
class AccountsApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void upsertCreatesThenUpdatesTheSameAccount() {
        String externalId = unique("cus");
        Api.Response created = owner().put("/api/v1/accounts/" + externalId,
                "{\"name\":\"Globex\",\"domain\":\"www.Globex.com\",\"segment\":\"enterprise\",\"signup_date\":\"2025-03-01\",\"attributes\":{\"plan\":\"pro\"}}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("id")).startsWith("acc_");
        assertThat(created.text("domain")).isEqualTo("globex.com");
        assertThat(created.json().get("attributes").get("plan").asString()).isEqualTo("pro");

        Api.Response updated = owner().put("/api/v1/accounts/" + externalId, "{\"name\":\"Globex Corp\",\"domain\":\"globex.com\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("id")).isEqualTo(created.text("id"));
        assertThat(owner().get("/api/v1/accounts/" + externalId).text("name")).isEqualTo("Globex Corp");
    }

    @Test
    void testModeAccountsAreInvisibleToLiveKeysAndTheOtherWayRound() {
        String testKey = owner().post("/api/v1/api-keys", "{\"name\":\"sandbox\",\"mode\":\"test\"}").text("key");
        String externalId = unique("cus");
        assertThat(api().as(testKey).put("/api/v1/accounts/" + externalId, "{\"name\":\"Sandbox Inc\"}").status()).isEqualTo(201);
        assertProblem(owner().get("/api/v1/accounts/" + externalId), 404, "/problems/not-found");
        assertThat(api().as(testKey).get("/api/v1/accounts/" + externalId).text("mode")).isEqualTo("test");
        assertThat(owner().put("/api/v1/accounts/" + externalId, "{\"name\":\"Live Inc\"}").status()).isEqualTo(201);
        assertThat(api().as(testKey).get("/api/v1/accounts/" + externalId).text("name")).isEqualTo("Sandbox Inc");
    }

    @Test
    void concurrentUpsertsOfOneIdMakeOneAccount() throws Exception {
        String externalId = unique("cus");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                calls.add(() -> owner().put("/api/v1/accounts/" + externalId, "{\"name\":\"Racer " + n + "\"}"));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                assertThat(f.get().status()).isIn(200, 201);
                ids.add(f.get().text("id"));
            }
            assertThat(ids.stream().distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesInvalidAccounts() {
        assertProblem(owner().put("/api/v1/accounts/x", "{\"domain\":\"acme.com\"}"), 400, "/problems/validation");
        assertProblem(owner().put("/api/v1/accounts/x", "{\"name\":\"A\",\"domain\":\"not a domain\"}"), 400, "/problems/validation");
        assertProblem(owner().put("/api/v1/accounts/x", "{\"name\":\"A\",\"signup_date\":\"yesterday\"}"), 400, "/problems/validation");
    }
}
