package dev.flywheel.insights;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The contract end to end. Reports aggregate everything in a mode and the database is shared, so
 * each test places its facts in a year of its own, picked at random before any real data (1700–1959),
 * ends every account's MRR within that year, and reports only on that year.
 */
@Tag("database")
class InsightsApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    static int randomYear() {
        return ThreadLocalRandom.current().nextInt(1700, 1960);
    }

    private String account(String name) {
        String id = unique(name.replace(' ', '-').toLowerCase(java.util.Locale.ROOT));
        assertThat(owner().put("/api/v1/accounts/" + id, "{\"name\":\"" + name + "\",\"signup_date\":\"2024-01-15\"}").status()).isIn(200, 201);
        return id;
    }

    private String partner(String name) {
        Api.Response r = owner().post("/api/v1/partners",
                "{\"name\":\"" + name + "\",\"type\":\"technology\",\"admin_email\":\"" + uniqueEmail("p") + "\"}");
        assertThat(r.status()).isEqualTo(201);
        return r.text("id");
    }

    private Api.Response send(String kind, String json) {
        return owner().post("/api/v1/insights/facts/" + kind, "{\"data\":[" + json + "]}");
    }

    private Api.Response csv(String kind, String csv) {
        return owner().send(HttpRequest.newBuilder(URI.create(owner().base() + "/api/v1/insights/facts/" + kind))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    private static String mrr(String id, String account, String on, long mrr) {
        return "{\"id\":\"" + id + "\",\"account_id\":\"" + account + "\",\"effective_on\":\"" + on + "\",\"mrr\":" + mrr + "}";
    }

    private static String install(String id, String account, String integration, String at) {
        return "{\"id\":\"" + id + "\",\"account_id\":\"" + account + "\",\"integration\":\"" + integration + "\",\"installed_at\":\"" + at + "\"}";
    }

    private static JsonNode segment(Api.Response r, String name) {
        for (JsonNode s : r.json().get("data")) {
            if (s.get("segment").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no segment " + name + " in " + r.body());
    }

    @Test
    void retentionByIntegrationDepthMatchesTheHandComputedFigures() {
        int y = randomYear();
        String p = String.valueOf(y - 1);
        String a = account("Expands"), b = account("Churns"), c = account("Contracts"), d = account("Returns"), e = account("Deep"),
                f = account("New");
        String u = unique("m");
        Api.Response sent = send("mrr-changes", String.join(",",
                mrr(u + "1", a, p + "-06-01", 10000), mrr(u + "2", a, y + "-02-14", 15000),
                mrr(u + "3", b, p + "-06-01", 20000), mrr(u + "4", b, y + "-01-20", 0),
                mrr(u + "5", c, p + "-06-01", 10000), mrr(u + "6", c, y + "-03-03", 6000),
                mrr(u + "7", d, p + "-06-01", 5000), mrr(u + "8", d, y + "-01-10", 0), mrr(u + "9", d, y + "-03-01", 7000),
                mrr(u + "10", e, p + "-12-31", 30000), mrr(u + "11", f, y + "-02-01", 50000),
                // Everyone leaves at the end of the year, so other runs on a shared database never see these accounts paying.
                mrr(u + "z1", a, y + "-12-31", 0), mrr(u + "z2", c, y + "-12-31", 0), mrr(u + "z3", d, y + "-12-31", 0),
                mrr(u + "z4", e, y + "-12-31", 0), mrr(u + "z5", f, y + "-12-31", 0)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("created").asInt()).isEqualTo(16);

        // Depth at 00:00 on the first day of the period: c has 1, d has 2 (one integration twice counts once), e has 3.
        String i = unique("i");
        assertThat(csv("installs", "id,account_id,integration,installed_at,uninstalled_at\n"
                + i + "1," + c + ",slack," + p + "-07-01T00:00:00Z,\n"
                + i + "2," + d + ",slack," + p + "-07-01T00:00:00Z,\n"
                + i + "3," + d + ",jira," + p + "-07-01T00:00:00Z,\n"
                + i + "4," + d + ",jira," + p + "-08-01T00:00:00Z,\n"
                + i + "5," + e + ",slack," + p + "-07-01,\n"
                + i + "6," + e + ",jira," + p + "-07-01,\n"
                + i + "7," + e + ",hubspot," + p + "-07-01,\n"
                + i + "8," + a + ",hubspot," + p + "-07-01," + p + "-12-01\n"
                + i + "9," + b + ",hubspot," + y + "-01-01T00:00:01Z,\n").status()).isEqualTo(200);

        Api.Response r = owner().get("/api/v1/insights/retention?by=integration_depth&from=" + y + "-01&to=" + y + "-03");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("data")).hasSize(3);
        JsonNode zero = segment(r, "0");
        assertThat(zero.get("customers").asLong()).isEqualTo(2);           // a (uninstalled before start) and b (installed after)
        assertThat(zero.get("start_mrr").asLong()).isEqualTo(30000);
        assertThat(zero.get("nrr").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(zero.get("grr").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(zero.get("logo_churn").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode oneTwo = segment(r, "1-2");
        assertThat(oneTwo.get("customers").asLong()).isEqualTo(2);
        assertThat(oneTwo.get("start_mrr").asLong()).isEqualTo(15000);
        assertThat(oneTwo.get("nrr").decimalValue()).isEqualByComparingTo("0.8667");
        assertThat(oneTwo.get("grr").decimalValue()).isEqualByComparingTo("0.7333");
        assertThat(oneTwo.get("logo_churn").decimalValue()).isEqualByComparingTo("0");
        JsonNode deep = segment(r, "3+");
        assertThat(deep.get("customers").asLong()).isEqualTo(1);
        assertThat(deep.get("nrr").decimalValue()).isEqualByComparingTo("1");

        Api.Response movements = owner().get("/api/v1/insights/mrr-movements?from=" + y + "-01&to=" + y + "-03");
        JsonNode feb = movements.json().get("data").get(1);
        assertThat(feb.get("month").asString()).isEqualTo(y + "-02");
        assertThat(feb.get("new_mrr").asLong()).isEqualTo(50000);
        assertThat(feb.get("expansion").asLong()).isEqualTo(5000);
        assertThat(movements.json().get("data").get(2).get("reactivation").asLong()).isEqualTo(7000);
    }

    @Test
    void batchesAreIdempotentAndCheckedInFullBeforeAnythingIsStored() {
        String a = account("Idem");
        String u = unique("m");
        int y = randomYear();
        String batch = mrr(u + "1", a, y + "-02-01", 100) + "," + mrr(u + "2", a, y + "-03-01", 200) + "," + mrr(u + "0", a, y + "-12-31", 0);
        assertThat(send("mrr-changes", batch).json().get("created").asInt()).isEqualTo(3);
        Api.Response again = send("mrr-changes", batch);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(3);
        assertThat(send("mrr-changes", mrr(u + "2", a, y + "-03-01", 250)).json().get("updated").asInt()).isEqualTo(1);

        Api.Response bad = send("mrr-changes", mrr(u + "3", a, y + "-04-01", 300) + "," + mrr(u + "4", "no-such-account", y + "-04-01", 1)
                + ",{\"id\":\"" + u + "5\",\"account_id\":\"" + a + "\",\"effective_on\":\"April\",\"mrr\":-5,\"colour\":\"red\"}");
        assertProblem(bad, 400, "/problems/validation");
        assertThat(bad.body()).contains("data[1].account_id", "data[2].effective_on", "data[2].mrr", "data[2].colour");
        assertThat(send("mrr-changes", mrr(u + "3", a, y + "-04-01", 300)).json().get("created").asInt()).as("nothing was half-written").isEqualTo(1);

        assertProblem(send("mrr-changes", "{\"id\":\"x\",\"account_id\":\"" + a + "\",\"effective_on\":\"2024-01-01\",\"mrr\":1,\"currency\":\"EUR\"}"),
                400, "/problems/validation");
        assertProblem(owner().post("/api/v1/insights/facts/nonsense", "{\"data\":[]}"), 404, "/problems/not-found");
        assertProblem(csv("mrr-changes", "id,account_id\n\"unterminated"), 400, "/problems/validation");
    }

    @Test
    void attributionUnderEveryModelAndDrillDownToTouches() {
        int y = randomYear();
        String acct = account("Buyer");
        String other = account("Direct buyer");
        String pa = partner("Attribution Partner A");
        String pb = partner("Attribution Partner B");
        String u = unique("t");
        String opp = u + "-opp";
        assertThat(send("touchpoints", String.join(",",
                "{\"id\":\"" + u + "1\",\"account_id\":\"" + acct + "\",\"partner_id\":\"" + pa + "\",\"kind\":\"deal_registration\",\"occurred_at\":\"" + y + "-03-01T00:00:00Z\"}",
                "{\"id\":\"" + u + "2\",\"account_id\":\"" + acct + "\",\"kind\":\"webinar\",\"occurred_at\":\"" + y + "-03-11T00:00:00Z\"}",
                "{\"id\":\"" + u + "3\",\"account_id\":\"" + acct + "\",\"partner_id\":\"" + pb + "\",\"kind\":\"listing_view\",\"occurred_at\":\"" + y + "-03-21T00:00:00Z\"}"))
                .status()).isEqualTo(200);
        assertThat(send("opportunities", String.join(",",
                "{\"id\":\"" + opp + "\",\"account_id\":\"" + acct + "\",\"status\":\"won\",\"amount\":100000,\"created_at\":\"" + y + "-03-05T00:00:00Z\",\"closed_at\":\"" + y + "-03-31T00:00:00Z\"}",
                "{\"id\":\"" + u + "-direct\",\"account_id\":\"" + other + "\",\"status\":\"won\",\"amount\":50000,\"created_at\":\"" + y + "-03-01\",\"closed_at\":\"" + y + "-03-20\"}",
                "{\"id\":\"" + u + "-lost\",\"account_id\":\"" + other + "\",\"status\":\"lost\",\"amount\":50000,\"created_at\":\"" + y + "-03-01\",\"closed_at\":\"" + y + "-03-21\"}"))
                .status()).isEqualTo(200);

        Api.Response linear = owner().get("/api/v1/insights/attribution?model=linear&from=" + y + "-03&to=" + y + "-03");
        assertThat(linear.status()).as(linear.body()).isEqualTo(200);
        assertThat(linear.json().get("total_revenue").asLong()).isEqualTo(150000);
        assertThat(linear.json().get("sourced_revenue").asLong()).isEqualTo(100000);
        assertThat(linear.json().get("influenced_revenue").asLong()).isZero();
        assertThat(linear.json().get("direct_revenue").asLong()).isEqualTo(50000);
        assertThat(linear.json().get("partner_attributed_revenue").asLong()).isEqualTo(66667);   // 2/3 of 1000.00
        assertThat(linear.json().get("unattributed_revenue").asLong()).isEqualTo(50000);
        JsonNode rowA = row(linear, pa);
        assertThat(rowA.get("partner_name").asString()).isEqualTo("Attribution Partner A");
        assertThat(rowA.get("sourced_revenue").asLong()).isEqualTo(100000);
        assertThat(rowA.get("attributed_revenue").asLong()).isEqualTo(33333);
        assertThat(linear.json().get("with_partner").get("win_rate").decimalValue()).isEqualByComparingTo("1");
        assertThat(linear.json().get("without_partner").get("win_rate").decimalValue()).isEqualByComparingTo("0.5");

        Api.Response u40 = owner().get("/api/v1/insights/attribution?model=u_shaped&from=" + y + "-03&to=" + y + "-03");
        assertThat(row(u40, pa).get("attributed_revenue").asLong()).isEqualTo(40000);
        assertThat(row(u40, pb).get("attributed_revenue").asLong()).isEqualTo(40000);
        Api.Response first = owner().get("/api/v1/insights/attribution?model=first_touch&from=" + y + "-03&to=" + y + "-03");
        assertThat(row(first, pa).get("attributed_revenue").asLong()).isEqualTo(100000);
        // Time decay: touches 30, 20 and 10 days before close -> 1/7, 2/7, 4/7 of 1000.00.
        Api.Response decay = owner().get("/api/v1/insights/attribution?model=time_decay&from=" + y + "-03&to=" + y + "-03");
        assertThat(row(decay, pb).get("attributed_revenue").asLong()).isEqualTo(Math.round(100000 * Math.pow(2, -10 / 7.0)
                / (Math.pow(2, -30 / 7.0) + Math.pow(2, -20 / 7.0) + Math.pow(2, -10 / 7.0))));

        Api.Response deals = owner().get("/api/v1/insights/attribution/deals?from=" + y + "-03&to=" + y + "-03&partner_id=" + pb);
        assertThat(deals.json().get("data")).hasSize(1);
        Api.Response drill = owner().get("/api/v1/insights/attribution/deals/" + opp);
        assertThat(drill.text("classification")).isEqualTo("sourced");
        assertThat(drill.text("sourced_by")).isEqualTo(pa);
        assertThat(drill.json().get("touches")).hasSize(3);
        assertThat(drill.json().get("touches").get(1).get("credit").get("u_shaped").decimalValue()).isEqualByComparingTo("0.2");

        assertProblem(owner().get("/api/v1/insights/attribution?model=magic"), 400, "/problems/validation");
    }

    private static JsonNode row(Api.Response r, String partnerId) {
        for (JsonNode p : r.json().get("partners")) {
            if (p.get("partner_id").asString().equals(partnerId)) {
                return p;
            }
        }
        throw new AssertionError("no row for " + partnerId + " in " + r.body());
    }

    @Test
    void onlyTheOwnerReadsInsights() {
        String pid = partner("Curious Partner");
        String key = owner().post("/api/v1/partners/" + pid + "/api-keys", "{\"name\":\"k\"}").text("key");
        assertProblem(api().as(key).get("/api/v1/insights/retention?by=integration_depth&from=2024-01&to=2024-12"), 403, "/problems/forbidden");
        assertProblem(api().as(key).post("/api/v1/insights/facts/mrr-changes", "{\"data\":[]}"), 403, "/problems/forbidden");
        assertProblem(api().get("/api/v1/insights/attribution"), 401, "/problems/unauthenticated");
        assertProblem(owner().get("/api/v1/insights/retention?by=plan"), 400, "/problems/validation");
        assertProblem(owner().get("/api/v1/insights/retention?from=2024-05&to=2024-01"), 400, "/problems/validation");
    }
}
