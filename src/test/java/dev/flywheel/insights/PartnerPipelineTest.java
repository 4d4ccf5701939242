package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.pipeline.PartnerPipelineSource.Line;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("database")
class PartnerPipelineTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void figuresCountEveryStatusAndAddOnlyTheReportingCurrency() {
        Period p = new Period(YearMonth.of(2025, 1), YearMonth.of(2025, 3));
        PartnerPipeline.Figures f = PartnerPipeline.of(p, "USD", List.of(
                new Line("submitted", "USD", 2, 300_00, 0), new Line("approved", "USD", 1, 1_000_00, 0),
                new Line("approved", "EUR", 4, 9_999_00, 0), new Line("won", "USD", 3, 2_000_00, 2_400_00),
                new Line("lost", "USD", 1, 500_00, 0), new Line("rejected", "USD", 5, 700_00, 0)));
        assertThat(f.registrations()).isEqualTo(16);
        assertThat(f.openPipeline()).isEqualTo(1_300_00);
        assertThat(f.wonAmount()).isEqualTo(2_400_00);
        assertThat(f.winRate()).isEqualByComparingTo("0.75");   // 3 won / (3 won + 1 lost); rejected left out
        assertThat(f.otherCurrencyRegistrations()).isEqualTo(4);
        assertThat(f.byStatus()).extracting(PartnerPipeline.Status::status)
                .containsExactly("submitted", "approved", "rejected", "won", "lost", "expired");
        assertThat(f.byStatus().get(1)).isEqualTo(new PartnerPipeline.Status("approved", 5, 1_000_00));
        assertThat(PartnerPipeline.of(p, "USD", List.of()).winRate()).isNull();
    }

    @Test
    void registrationsInThePartnerProgramShowUpInThePipelineApiTheScorecardAndTheDashboard() {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        String path = "/api/v1/insights/partner-pipeline?from=" + month + "&to=" + month;
        JsonNode before = owner().get(path).json().get("data");

        String tag = UUID.randomUUID().toString().substring(0, 8);
        Api.Response partner = owner().post("/api/v1/partners", "{\"name\":\"Pipeline " + tag + "\",\"type\":\"solution\",\"domain\":\"pl" + tag
                + ".example\",\"admin_email\":\"admin-" + tag + "@example.org\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        String key = owner().post("/api/v1/partners/" + partner.text("id") + "/api-keys", "{\"name\":\"t\"}").text("key");
        String open = register(key, 400_00);
        String won = register(key, 1_000_00);
        String lost = register(key, 250_00);
        for (String id : List.of(open, won, lost)) {
            assertThat(owner().post("/api/v1/deal-registrations/" + id + "/approve", "{}").status()).isEqualTo(200);
        }
        Api.Response closed = owner().post("/api/v1/deal-registrations/" + won + "/close",
                "{\"outcome\":\"won\",\"amount\":{\"amount\":120000,\"currency\":\"USD\"}}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(owner().post("/api/v1/deal-registrations/" + lost + "/close", "{\"outcome\":\"lost\"}").status()).isEqualTo(200);

        Api.Response after = owner().get(path);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        JsonNode data = after.json().get("data");
        assertThat(data.get("registrations").asLong() - before.get("registrations").asLong()).isEqualTo(3);
        assertThat(data.get("open_pipeline").asLong() - before.get("open_pipeline").asLong()).isEqualTo(400_00);
        assertThat(data.get("won_amount").asLong() - before.get("won_amount").asLong()).isEqualTo(1_200_00);
        assertThat(data.get("by_status").get(3).get("status").asString()).isEqualTo("won");

        Api.Response card = owner().get("/api/v1/insights/scorecard");
        assertThat(card.body()).contains("Partner-sourced pipeline").contains("Deal registration win rate");
    }

    private String register(String partnerKey, long amount) {
        String domain = "pipeline-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
        Api.Response r = api().as(partnerKey).post("/api/v1/deal-registrations", "{\"company\":\"Acme\",\"domain\":\"" + domain
                + "\",\"contact_email\":\"cto@" + domain + "\",\"estimated_value\":{\"amount\":" + amount + ",\"currency\":\"USD\"},\"expected_close\":\""
                + LocalDate.now(ZoneOffset.UTC).plusMonths(2) + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }
}
