package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("database")
class CommissionFlowTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    DealRegistrations registrations;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String approvedDeal(PartnerFixtures.Partner p, long amount) {
        String id = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(PartnerFixtures.prospectDomain(), amount, "USD"))
                .text("id");
        assertThat(owner().post("/api/v1/deal-registrations/" + id + "/approve", "{}").status()).isEqualTo(200);
        return id;
    }

    private JsonNode usd(Api as, String partnerId) {
        Api.Response r = as.get("/api/v1/partners/" + partnerId + "/balance");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode b : r.json().get("balances")) {
            if (b.get("currency").asString().equals("USD")) {
                return b;
            }
        }
        throw new AssertionError("no USD balance in " + r.body());
    }

    @Test
    void aWonDealPaysByThePlanWithATraceAndTheMoneyIsHeld() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String deal = approvedDeal(p, 12_000_000);
        Api.Response won = owner().post("/api/v1/deal-registrations/" + deal + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":12000000,\"currency\":\"USD\"},\"contract_months\":12}");
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        assertThat(won.text("status")).isEqualTo("won");
        assertThat(won.json().get("pays_commission").asBoolean()).isTrue();

        Api.Response commissions = api().as(p.key()).get("/api/v1/deal-registrations/" + deal + "/commissions");
        JsonNode c = commissions.json().get(0);
        assertThat(c.get("amount").get("amount").asLong()).isEqualTo(1_200_000 * 125 / 100); // 10 % × enterprise deal ×1.25
        assertThat(c.get("status").asString()).isEqualTo("held");
        assertThat(c.get("trace").toString()).contains("plan 'Standard'").contains("tier registered rate 10 %").contains("enterprise deal");

        JsonNode balance = usd(api().as(p.key()), p.id());
        assertThat(balance.get("held").asLong()).isEqualTo(1_500_000);
        assertThat(balance.get("available").asLong()).isZero();
        assertThat(usd(owner(), p.id()).get("held").asLong()).isEqualTo(1_500_000);
        PartnerFixtures.Partner stranger = PartnerFixtures.partner(owner(), "referral");
        assertProblem(api().as(stranger.key()).get("/api/v1/partners/" + p.id() + "/balance"), 404, "/problems/not-found");

        ledger.releaseDue(Instant.now().plus(Duration.ofDays(31)));
        assertThat(usd(owner(), p.id()).get("available").asLong()).isEqualTo(1_500_000);
    }

    @Test
    void refundsClawBackTheSameShareAndCanNeverExceedTheSale() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String deal = approvedDeal(p, 1_000_000);
        owner().post("/api/v1/deal-registrations/" + deal + "/close", "{\"outcome\":\"won\",\"amount\":{\"amount\":1000000,\"currency\":\"USD\"}}");
        assertThat(usd(owner(), p.id()).get("held").asLong()).isEqualTo(100_000);

        Api.Response refund = owner().post("/api/v1/deal-registrations/" + deal + "/refunds", "{\"amount\":{\"amount\":400000,\"currency\":\"USD\"}}");
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(usd(owner(), p.id()).get("held").asLong()).isEqualTo(60_000);

        Api.Response tooMuch = owner().post("/api/v1/deal-registrations/" + deal + "/refunds", "{\"amount\":{\"amount\":600001,\"currency\":\"USD\"}}");
        assertProblem(tooMuch, 422, "/problems/unprocessable");
        assertThat(tooMuch.text("detail")).contains("larger than what is left of the sale");
        assertThat(usd(owner(), p.id()).get("held").asLong()).isEqualTo(60_000);
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/refunds", "{\"amount\":{\"amount\":-5,\"currency\":\"USD\"}}"),
                400, "/problems/validation");
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/refunds", "{\"amount\":{\"amount\":5,\"currency\":\"EUR\"}}"),
                400, "/problems/validation");

        owner().post("/api/v1/deal-registrations/" + deal + "/refunds", "{\"amount\":{\"amount\":600000,\"currency\":\"USD\"}}");
        assertThat(usd(owner(), p.id()).get("held").asLong()).isZero();
    }

    @Test
    void closingDatesMustFallInsideTheWindowAndOnlyApprovedDealsClose() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "solution");
        String deal = approvedDeal(p, 1_000);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":1000,\"currency\":\"USD\"},\"closed_on\":\"" + tomorrow + "\"}"), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":1000,\"currency\":\"USD\"},\"closed_on\":\"2020-01-01\"}"), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/close", "{\"outcome\":\"won\"}"), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/deal-registrations/" + deal + "/close", "{\"outcome\":\"maybe\"}"), 400, "/problems/validation");

        String submitted = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(PartnerFixtures.prospectDomain(), 1_000, "USD"))
                .text("id");
        Api.Response early = owner().post("/api/v1/deal-registrations/" + submitted + "/close", "{\"outcome\":\"lost\"}");
        assertProblem(early, 422, "/problems/unprocessable");
        assertThat(early.text("detail")).contains("A submitted registration cannot become lost");

        // When the protection window has passed, the registration expires and can no longer be won.
        registrations.expireLapsed(Instant.now().plus(Duration.ofDays(200)));
        Api.Response late = owner().post("/api/v1/deal-registrations/" + deal + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":1000,\"currency\":\"USD\"}}");
        assertProblem(late, 422, "/problems/unprocessable");
        assertThat(late.text("detail")).contains("expired");
    }

    @Test
    void creditIsSplitWithInfluencingPartnersAndPreviewMatchesWhatIsPaid() {
        PartnerFixtures.Partner sourcer = PartnerFixtures.partner(owner(), "solution");
        PartnerFixtures.Partner influencer = PartnerFixtures.partner(owner(), "technology");
        Api.Response preview = api().as(sourcer.key()).post("/api/v1/commission-plans/preview",
                "{\"amount\":{\"amount\":2000000,\"currency\":\"USD\"},\"contract_months\":36,\"influencer_tiers\":[\"registered\"]}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        long previewed = preview.json().get("total").get("amount").asLong();
        assertThat(previewed).isEqualTo(220_000 + 44_000); // 10 % × 1.1 multi-year; influencer 20 % share of the same

        String deal = approvedDeal(sourcer, 2_000_000);
        owner().post("/api/v1/deal-registrations/" + deal + "/close", "{\"outcome\":\"won\",\"amount\":{\"amount\":2000000,\"currency\":\"USD\"},"
                + "\"contract_months\":36,\"influenced_by\":[\"" + influencer.id() + "\"]}");
        JsonNode paid = owner().get("/api/v1/deal-registrations/" + deal + "/commissions").json();
        assertThat(paid.size()).isEqualTo(2);
        assertThat(paid.get(0).get("amount").get("amount").asLong() + paid.get(1).get("amount").get("amount").asLong()).isEqualTo(previewed);
        assertThat(usd(owner(), influencer.id()).get("held").asLong()).isEqualTo(44_000);
        // The influencer sees only its own commission of the deal.
        assertThat(api().as(influencer.key()).get("/api/v1/partners/" + influencer.id() + "/commissions").json().get("data").size()).isEqualTo(1);
    }

    @Test
    void aSelfReferralIsHeldForReviewInsteadOfPaid() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        String id = api().as(p.key()).post("/api/v1/deal-registrations", PartnerFixtures.registration(p.domain(), 1_000_000, "USD")).text("id");
        owner().post("/api/v1/deal-registrations/" + id + "/approve", "{}");
        owner().post("/api/v1/deal-registrations/" + id + "/close", "{\"outcome\":\"won\",\"amount\":{\"amount\":1000000,\"currency\":\"USD\"}}");
        JsonNode c = owner().get("/api/v1/deal-registrations/" + id + "/commissions").json().get(0);
        assertThat(c.get("status").asString()).isEqualTo("pending");
        assertThat(c.get("flags").toString()).contains("self-referral");
        assertThat(usd(owner(), p.id()).get("pending").asLong()).isEqualTo(100_000);

        Api.Response reviewed = owner().post("/api/v1/ledger/commissions/" + c.get("ledger_commission_id").asString() + "/review", "{\"approve\":false}");
        assertThat(reviewed.text("status")).isEqualTo("void");
        assertThat(usd(owner(), p.id()).get("pending").asLong()).isZero();
    }
}
