package dev.flywheel.platform;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class IdempotencyTest extends IntegrationTest {

    private String partnerBody(String name) {
        return "{\"name\":\"" + name + "\",\"type\":\"solution\",\"admin_email\":\"" + uniqueEmail("admin") + "\"}";
    }

    @Test
    void sameKeyAndSameRequestReplaysTheFirstResponse() {
        Api owner = api().as(OWNER_KEY).header("Idempotency-Key", UUID.randomUUID().toString());
        String body = partnerBody(unique("Replay Co"));
        Api.Response first = owner.post("/api/v1/partners", body);
        Api.Response second = owner.post("/api/v1/partners", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(second.header("idempotent-replayed")).isEqualTo("true");
    }

    @Test
    void sameKeyWithADifferentRequestIsRefused() {
        Api owner = api().as(OWNER_KEY).header("Idempotency-Key", UUID.randomUUID().toString());
        assertThat(owner.post("/api/v1/partners", partnerBody(unique("First"))).status()).isEqualTo(201);
        Api.Response other = owner.post("/api/v1/partners", partnerBody(unique("Second")));
        assertProblem(other, 422, "/problems/idempotency-key-reused");
    }

    @Test
    void aFailedRequestDoesNotBurnTheKey() {
        Api owner = api().as(OWNER_KEY).header("Idempotency-Key", UUID.randomUUID().toString());
        String invalid = "{\"name\":\"\",\"type\":\"solution\",\"admin_email\":\"x@example.org\"}";
        assertThat(owner.post("/api/v1/partners", invalid).status()).isEqualTo(400);
        // A 4xx answer is a final answer for this exact request and is replayed as such.
        assertThat(owner.post("/api/v1/partners", invalid).header("idempotent-replayed")).isEqualTo("true");
    }

    @Test
    void concurrentRetriesCreateExactlyOnePartner() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = unique("ConcurrentCo");
        String body = partnerBody(name);
        Api owner = api().as(OWNER_KEY).header("Idempotency-Key", key);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> owner.post("/api/v1/partners", body));
            }
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
            assertThat(responses.stream().filter(r -> r.status() == 201).map(r -> r.text("id")).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Api.Response search = api().as(OWNER_KEY).get("/api/v1/partners?q=" + name);
        assertThat(search.json().get("data").size()).isEqualTo(1);
    }
}
