package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class DealRegistrationsApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void aPartnerRegistersADealAndTheOwnerApprovesIt() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String domain = PartnerFixtures.prospectDomain();
        Api.Response r = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration("https://www." + domain.toUpperCase() + "/", 12_000_000, "USD"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("id")).startsWith("drg_");
        assertThat(r.text("status")).isEqualTo("submitted");
        assertThat(r.text("domain")).isEqualTo(domain);
        assertThat(r.json().get("conflicts").size()).isZero();
        assertThat(r.json().get("estimated_value").get("amount").asLong()).isEqualTo(12_000_000);
        assertThat(r.text("sla_due_at")).isNotNull();

        Api.Response approved = owner().post("/api/v1/deal-registrations/" + r.text("id") + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("approved");
        assertThat(approved.json().get("protection_days").asInt()).isEqualTo(90);

        Api.Response seen = api().as(p.key()).get("/api/v1/deal-registrations/" + r.text("id"));
        assertThat(seen.text("status")).isEqualTo("approved");
        assertThat(seen.text("protected_until")).isNotNull();
    }

    @Test
    void aSecondPartnerGetsAConflictInsideTheProtectionWindowAndCannotBeApproved() {
        PartnerFixtures.Partner first = PartnerFixtures.partner(owner(), "solution");
        PartnerFixtures.Partner second = PartnerFixtures.partner(owner(), "referral");
        String domain = PartnerFixtures.prospectDomain();
        String id = api().as(first.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(domain, 500_000, "USD")).text("id");
        owner().post("/api/v1/deal-registrations/" + id + "/approve", "{\"protection_days\":60}");

        Api.Response clash = api().as(second.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration("www." + domain, 900_000, "EUR"));
        assertThat(clash.status()).isEqualTo(201);
        assertThat(clash.text("status")).isEqualTo("submitted");
        assertThat(clash.json().get("conflicts").get(0).get("reason").asString()).isEqualTo("protected_for_another_partner");
        assertThat(clash.json().get("conflicts").get(0).get("detail").asString()).contains(domain).contains("protected until");

        Api.Response refused = owner().post("/api/v1/deal-registrations/" + clash.text("id") + "/approve", "{}");
        assertProblem(refused, 409, "/problems/conflict");
        assertThat(refused.text("detail")).contains("cannot be approved");
        Api.Response rejected = owner().post("/api/v1/deal-registrations/" + clash.text("id") + "/reject", "{\"reason\":\"protected for another partner\"}");
        assertThat(rejected.text("status")).isEqualTo("rejected");
        assertThat(rejected.text("decision_reason")).isEqualTo("protected for another partner");
    }

    @Test
    void existingCustomersAndOpenOpportunitiesAreConflicts() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String customer = PartnerFixtures.prospectDomain();
        owner().put("/api/v1/accounts/" + unique("cus"), "{\"name\":\"Existing\",\"domain\":\"" + customer + "\"}");
        Api.Response r = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(customer, 100_000, "USD"));
        assertThat(r.json().get("conflicts").get(0).get("reason").asString()).isEqualTo("existing_customer");

        String pipeline = PartnerFixtures.prospectDomain();
        assertThat(owner().post("/api/v1/opportunities", "{\"company\":\"Pipe\",\"domain\":\"" + pipeline + "\",\"stage\":\"discovery\"}").status())
                .isEqualTo(201);
        Api.Response o = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(pipeline, 100_000, "USD"));
        assertThat(o.json().get("conflicts").get(0).get("reason").asString()).isEqualTo("open_opportunity");
    }

    @Test
    void twoManagersApprovingAtTheSameMomentGetOneSuccessAndOneConflict() throws Exception {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String id = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(PartnerFixtures.prospectDomain(), 100_000, "USD"))
                .text("id");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return owner().post("/api/v1/deal-registrations/" + id + "/approve", "{\"reason\":\"looks good\"}");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> f : results) {
            Api.Response r = f.get();
            statuses.add(r.status());
            if (r.status() == 409) {
                assertProblem(r, 409, "/problems/conflict");
                assertThat(r.text("detail")).containsAnyOf("already approved", "a moment ago", "same moment");
            }
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedWithFieldErrors() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        Api partner = api().as(p.key());
        String domain = PartnerFixtures.prospectDomain();
        String close = LocalDate.now(ZoneOffset.UTC).plusMonths(1).toString();
        assertProblem(partner.post("/api/v1/deal-registrations", body(domain, "-5", "\"USD\"", close)), 400, "/problems/validation");
        assertProblem(partner.post("/api/v1/deal-registrations", body(domain, "0", "\"USD\"", close)), 400, "/problems/validation");
        Api.Response currency = partner.post("/api/v1/deal-registrations", body(domain, "100", "\"XYZ\"", close));
        assertProblem(currency, 400, "/problems/validation");
        assertThat(currency.body()).contains("estimated_value.currency");
        assertProblem(partner.post("/api/v1/deal-registrations", body(domain, "\"lots\"", "\"USD\"", close)), 400, "/problems/validation");
        assertProblem(partner.post("/api/v1/deal-registrations", body(domain, "12.5", "\"USD\"", close)), 400, "/problems/validation");
        Api.Response past = partner.post("/api/v1/deal-registrations", body(domain, "100", "\"USD\"", "2001-01-01"));
        assertProblem(past, 400, "/problems/validation");
        assertThat(past.body()).contains("expected_close");
        assertProblem(partner.post("/api/v1/deal-registrations", body("not a domain", "100", "\"USD\"", close)), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/deal-registrations", body(domain, "100", "\"USD\"", close)), 403, "/problems/forbidden");
        assertThat(partner.get("/api/v1/deal-registrations?partner_id=x").status()).isEqualTo(200);
    }

    @Test
    void aPartnerSeesOnlyItsOwnRegistrationsAndCannotDecideThem() {
        PartnerFixtures.Partner mine = PartnerFixtures.partner(owner(), "solution");
        PartnerFixtures.Partner other = PartnerFixtures.partner(owner(), "solution");
        String id = api().as(mine.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(PartnerFixtures.prospectDomain(), 100, "USD"))
                .text("id");
        assertProblem(api().as(other.key()).get("/api/v1/deal-registrations/" + id), 404, "/problems/not-found");
        assertProblem(api().as(mine.key()).post("/api/v1/deal-registrations/" + id + "/approve", "{}"), 403, "/problems/forbidden");
        assertThat(api().as(other.key()).get("/api/v1/deal-registrations").body()).doesNotContain(id);
    }

    private static String body(String domain, String amount, String currency, String close) {
        return "{\"company\":\"X\",\"domain\":\"" + domain + "\",\"contact_email\":\"a@b.com\",\"estimated_value\":{\"amount\":" + amount
                + ",\"currency\":" + currency + "},\"expected_close\":\"" + close + "\"}";
    }
}
