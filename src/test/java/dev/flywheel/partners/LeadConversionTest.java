package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
class LeadConversionTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String lead(PartnerFixtures.Partner p, String domain) {
        String coupon = "LC" + UUID.randomUUID().toString().substring(0, 8);
        owner().post("/api/v1/partners/" + p.id() + "/coupons", "{\"code\":\"" + coupon + "\"}");
        Api.Response lead = owner().post("/api/v1/referral-leads", "{\"email\":\"buyer@" + domain + "\",\"company\":\"Buyer Inc\",\"coupon\":\"" + coupon + "\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        return lead.text("id");
    }

    private static String conversion(long amount, LocalDate close) {
        return "{\"estimated_value\":{\"amount\":" + amount + ",\"currency\":\"USD\"},\"expected_close\":\"" + close + "\"}";
    }

    @Test
    void theOwnerTurnsALeadIntoARegistrationOfThePartnerOnce() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        String domain = PartnerFixtures.prospectDomain();
        String lead = lead(p, domain);
        LocalDate close = LocalDate.now(ZoneOffset.UTC).plusMonths(1);

        Api.Response mine = api().as(p.key()).get("/api/v1/referral-leads");
        assertThat(mine.json().get("data").get(0).get("id").asText()).isEqualTo(lead);
        assertProblem(api().as(p.key()).post("/api/v1/referral-leads/" + lead + "/convert", conversion(100000, close)), 403, "/problems/forbidden");

        Api.Response d = owner().post("/api/v1/referral-leads/" + lead + "/convert", conversion(2400000, close));
        assertThat(d.status()).as(d.body()).isEqualTo(201);
        assertThat(d.text("partner_id")).isEqualTo(p.id());
        assertThat(d.text("domain")).isEqualTo(domain);
        assertThat(d.text("contact_email")).isEqualTo("buyer@" + domain);
        assertThat(d.text("company")).isEqualTo("Buyer Inc");
        assertThat(d.text("status")).isEqualTo("submitted");
        assertProblem(owner().post("/api/v1/referral-leads/" + lead + "/convert", conversion(2400000, close)), 409, "/problems/conflict");
        assertThat(api().as(p.key()).get("/api/v1/referral-leads").json().get("data").get(0).get("registration_id").asText()).isEqualTo(d.text("id"));
    }

    @Test
    void badConversionsAreRefused() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        String lead = lead(p, PartnerFixtures.prospectDomain());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/api/v1/referral-leads/" + lead + "/convert";
        assertProblem(owner().post(path, conversion(-1, today.plusDays(5))), 400, "/problems/validation");
        assertProblem(owner().post(path, conversion(1000, today.minusDays(1))), 400, "/problems/validation");
        assertProblem(owner().post(path, conversion(1000, today.plusYears(3))), 400, "/problems/validation");
        assertProblem(owner().post(path, "{\"estimated_value\":{\"amount\":1000,\"currency\":\"ABC\"},\"expected_close\":\"" + today.plusDays(5) + "\"}"),
                400, "/problems/validation");
        assertProblem(owner().post(path, "{\"domain\":\"not a domain\"," + conversion(1000, today.plusDays(5)).substring(1)), 400,
                "/problems/validation");
        assertProblem(owner().post("/api/v1/referral-leads/rld_missing/convert", conversion(1000, today.plusDays(5))), 404, "/problems/not-found");
    }

    @Test
    void twoManagersConvertingTheSameLeadAtOnceGetOneRegistration() throws Exception {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        String lead = lead(p, PartnerFixtures.prospectDomain());
        String body = conversion(50000, LocalDate.now(ZoneOffset.UTC).plusMonths(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(() -> owner().post("/api/v1/referral-leads/" + lead + "/convert", body).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(api().as(p.key()).get("/api/v1/deal-registrations").json().get("data")).hasSize(1);
    }
}
