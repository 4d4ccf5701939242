package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

@Tag("database")
@RecordApplicationEvents
class TierEvaluationTest extends IntegrationTest {

    @Autowired
    Program program;

    @Autowired
    ApplicationEvents events;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private void win(PartnerFixtures.Partner p, long amount) {
        String id = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(PartnerFixtures.prospectDomain(), amount, "USD"))
                .text("id");
        owner().post("/api/v1/deal-registrations/" + id + "/approve", "{}");
        Api.Response won = owner().post("/api/v1/deal-registrations/" + id + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":" + amount + ",\"currency\":\"USD\"}}");
        assertThat(won.text("status")).isEqualTo("won");
    }

    @Test
    void objectiveNumbersMoveAPartnerUpWithHistoryProgressAndAnEvent() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        Api.Response before = api().as(p.key()).get("/api/v1/partners/" + p.id() + "/program");
        assertThat(before.text("tier")).isEqualTo("registered");
        assertThat(before.text("progress")).isEqualTo("3 more deals closed, 25000.00 more sourced revenue and 1 more certified staff to reach Preferred");

        Api.Response course = owner().post("/api/v1/enablement/courses", "{\"title\":\"Certified implementer\",\"certification\":true,\"validity_days\":365}");
        assertThat(course.status()).as(course.body()).isEqualTo(201);
        assertThat(owner().post("/api/v1/partners/" + p.id() + "/completions",
                "{\"course_id\":\"" + course.text("id") + "\",\"user_email\":\"dev@" + p.domain() + "\"}").status()).isEqualTo(201);
        for (int i = 0; i < 3; i++) {
            win(p, 1_000_000);
        }
        assertThat(api().as(p.key()).get("/api/v1/partners/" + p.id() + "/program").text("progress")).contains("daily evaluation will move you up");

        TierRules.Decision d = program.evaluate(p.id(), Instant.now());
        assertThat(d.change()).isEqualTo(TierRules.Change.UPGRADE);
        assertThat(events.stream(PartnerTierChanged.class).filter(e -> e.partnerId().equals(p.id()))).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("registered");
            assertThat(e.to()).isEqualTo("preferred");
            assertThat(e.metrics()).containsKeys("deals_closed", "sourced_revenue", "certified_staff");
        });

        JsonNode after = api().as(p.key()).get("/api/v1/partners/" + p.id() + "/program").json();
        assertThat(after.get("tier").asString()).isEqualTo("preferred");
        assertThat(after.get("metrics").get("deals_closed").asInt()).isEqualTo(3);
        assertThat(after.get("metrics").get("sourced_revenue").decimalValue()).isEqualByComparingTo("30000.00");
        JsonNode change = after.get("history").get(0);
        assertThat(change.get("change").asString()).isEqualTo("upgrade");
        assertThat(change.get("reason").asString()).contains("deals closed 3");
        assertThat(change.get("metrics").get("certified_staff").asInt()).isEqualTo(1);
        assertThat(after.get("progress").asString()).contains("to reach Premier");

        // A year later nothing counts any more: the partner keeps the tier through the grace period, then drops.
        Instant later = Instant.now().plus(Duration.ofDays(400));
        assertThat(program.evaluate(p.id(), later).change()).isEqualTo(TierRules.Change.GRACE_STARTED);
        assertThat(program.evaluate(p.id(), later.plus(Duration.ofDays(29))).change()).isEqualTo(TierRules.Change.IN_GRACE);
        TierRules.Decision down = program.evaluate(p.id(), later.plus(Duration.ofDays(30)));
        assertThat(down.change()).isEqualTo(TierRules.Change.DOWNGRADE);
        assertThat(down.tier()).isEqualTo("registered");
    }

    @Test
    void theDailyEvaluationRunsOnExactlyOneNode() throws Exception {
        Instant day = Instant.now().plus(Duration.ofDays(3_000 + (long) (Math.random() * 300_000)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            runs.add(pool.submit(() -> {
                start.await();
                return program.evaluateDaily(day, node);
            }));
        }
        start.countDown();
        int a = runs.get(0).get();
        int b = runs.get(1).get();
        pool.shutdown();
        assertThat(a == 0 || b == 0).as("one node skipped: " + a + ", " + b).isTrue();
        assertThat(a + b).isPositive();
        assertThat(program.evaluateDaily(day, "node-c")).isZero();
    }

    @Test
    void tiersAndPlansAreValidated() {
        assertThat(owner().get("/api/v1/partner-tiers").json().size()).isGreaterThanOrEqualTo(3);
        assertProblem(owner().put("/api/v1/partner-tiers/gold", "{\"label\":\"Gold\",\"rank\":7,\"requirements\":{\"coffee\":1}}"),
                400, "/problems/validation");
        assertProblem(owner().put("/api/v1/partner-tiers/gold", "{\"label\":\"Gold\",\"rank\":0,\"requirements\":{\"deals_closed\":1}}"),
                400, "/problems/validation");
        Api.Response bad = owner().post("/api/v1/commission-plans", "{\"name\":\"Bad\",\"effective_from\":\"2030-01-01\",\"basis\":\"percentage\","
                + "\"term\":\"recurring\",\"rates\":{\"registered\":1.5}}");
        assertProblem(bad, 400, "/problems/validation");
        assertThat(bad.body()).contains("recurring_months").contains("rates");
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        assertProblem(api().as(p.key()).post("/api/v1/commission-plans", "{\"name\":\"Mine\",\"effective_from\":\"2030-01-01\","
                + "\"basis\":\"flat\",\"term\":\"one_time\",\"flat\":{\"registered\":{\"amount\":100,\"currency\":\"USD\"}}}"), 403, "/problems/forbidden");
        assertProblem(api().as(p.key()).post("/api/v1/commission-plans/preview", "{\"amount\":{\"amount\":-1,\"currency\":\"USD\"}}"),
                400, "/problems/validation");
    }

    @Test
    void aPublicApplicationBecomesAPartnerWithAnInvitation() {
        String email = uniqueEmail("applicant");
        Api.Response applied = api().post("/api/v1/partner-applications", "{\"company\":\"" + unique("Applicant") + "\",\"domain\":\"https://www."
                + unique("applicant") + ".example/\",\"type\":\"referral\",\"contact_name\":\"Ann\",\"contact_email\":\"" + email + "\"}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        assertThat(applied.text("status")).isEqualTo("submitted");
        assertProblem(api().get("/api/v1/partner-applications"), 401, "/problems/unauthenticated");

        Api.Response approved = owner().post("/api/v1/partner-applications/" + applied.text("id") + "/approve", "{}");
        assertThat(approved.text("status")).isEqualTo("approved");
        assertThat(approved.text("partner_id")).startsWith("prt_");
        assertThat(awaitMailTo(email)).isNotNull();
        assertProblem(owner().post("/api/v1/partner-applications/" + applied.text("id") + "/reject", "{}"), 409, "/problems/conflict");
        assertThat(owner().get("/api/v1/partners/" + approved.text("partner_id") + "/program").text("tier")).isEqualTo("registered");
    }
}
