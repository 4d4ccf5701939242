package dev.flywheel.insights;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("database")
class ExperimentsPrivacyExportsTest extends IntegrationTest {

    @Autowired
    IntegrationInstalls installs;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void anExperimentGivesGuidanceAssignsDeterministicallyAndWarnsWhenPeeking() {
        Api.Response e = owner().post("/api/v1/insights/experiments", "{\"name\":\"Integration prompt\",\"lever\":\"in-product integration prompt\","
                + "\"baseline_rate\":0.10,\"minimum_detectable_effect\":0.02}");
        assertThat(e.status()).as(e.body()).isEqualTo(201);
        assertThat(e.json().get("sample_size_per_arm").asLong()).isBetween(3830L, 3845L);
        String id = e.text("id");

        String arm = owner().get("/api/v1/insights/experiments/" + id + "/assignment?account_id=acct-1").text("arm");
        assertThat(owner().get("/api/v1/insights/experiments/" + id + "/assignment?account_id=acct-1").text("arm")).isEqualTo(arm);
        assertThat(arm).isEqualTo(ExperimentStats.inTreatment(id, "acct-1", 0.5) ? "treatment" : "control");

        int[] conversions = {0, 0};
        for (int i = 0; i < 60; i++) {
            String account = "acct-" + i;
            String a = owner().post("/api/v1/insights/experiments/" + id + "/events", "{\"account_id\":\"" + account + "\",\"kind\":\"exposure\"}").text("arm");
            if (i % 3 == 0 || (a.equals("treatment") && i % 2 == 0)) {
                owner().post("/api/v1/insights/experiments/" + id + "/events", "{\"account_id\":\"" + account + "\",\"kind\":\"conversion\"}");
                conversions[a.equals("treatment") ? 1 : 0]++;
            }
        }
        owner().post("/api/v1/insights/experiments/" + id + "/events", "{\"account_id\":\"acct-0\",\"kind\":\"exposure\"}");
        Api.Response r = owner().get("/api/v1/insights/experiments/" + id + "/results");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("control").get("exposed").asLong() + r.json().get("treatment").get("exposed").asLong()).isEqualTo(60);
        assertThat(r.json().get("treatment").get("converted").asLong()).isEqualTo(conversions[1]);
        assertThat(r.json().get("p_value").decimalValue()).isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
        assertThat(r.text("warning")).contains("Peeking");
        assertThat(r.json().get("planned_sample_reached").asBoolean()).isFalse();

        assertThat(owner().post("/api/v1/insights/experiments/" + id + "/stop", "{}").text("status")).isEqualTo("stopped");
        assertProblem(owner().post("/api/v1/insights/experiments/" + id + "/events", "{\"account_id\":\"x\",\"kind\":\"exposure\"}"), 409, "/problems/conflict");
        assertProblem(owner().post("/api/v1/insights/experiments", "{\"name\":\"x\",\"lever\":\"y\",\"baseline_rate\":0.99,\"minimum_detectable_effect\":0.05}"),
                400, "/problems/validation");
    }

    @Test
    void erasingAPersonKeepsTheTouchesAndIsLogged() {
        String account = unique("priv");
        owner().put("/api/v1/accounts/" + account, "{\"name\":\"Private\"}");
        String email = uniqueEmail("person");
        String t = unique("t");
        assertThat(owner().post("/api/v1/insights/facts/touchpoints", "{\"data\":[{\"id\":\"" + t + "\",\"account_id\":\"" + account
                + "\",\"kind\":\"webinar\",\"occurred_at\":\"2025-01-01T10:00:00Z\",\"person_email\":\"" + email + "\",\"detail\":\"asked about pricing\"}]}")
                .status()).isEqualTo(200);
        Api.Response exported = owner().post("/api/v1/insights/privacy/export", "{\"email\":\"" + email + "\"}");
        assertThat(exported.json().get("touchpoints")).hasSize(1);
        assertThat(exported.body()).contains("asked about pricing");

        assertThat(owner().post("/api/v1/insights/privacy/erase", "{\"email\":\"" + email + "\"}").json().get("touchpoints").asInt()).isEqualTo(1);
        assertThat(owner().post("/api/v1/insights/privacy/export", "{\"email\":\"" + email + "\"}").json().get("touchpoints")).isEmpty();
        Api.Response csv = owner().get("/api/v1/insights/exports/touchpoints.csv");
        assertThat(csv.body()).contains(t).doesNotContain(email).doesNotContain("asked about pricing");
        String hash = "sha256:" + dev.flywheel.platform.Secrets.sha256Hex(email).substring(0, 16);
        assertThat(jdbc.sql("select detail from audit_log where action = 'privacy.erased' and target = :t").param("t", hash).query(String.class).list())
                .containsExactly("insights: 1 touchpoints");
    }

    @Test
    void exportsStreamCsvAndNdjson() {
        String account = unique("exp");
        owner().put("/api/v1/accounts/" + account, "{\"name\":\"Export\"}");
        String id = unique("chg");
        owner().post("/api/v1/insights/facts/mrr-changes", "{\"data\":[{\"id\":\"" + id + "\",\"account_id\":\"" + account
                + "\",\"effective_on\":\"2025-02-03\",\"mrr\":4900}]}");
        Api.Response csv = owner().get("/api/v1/insights/exports/mrr-changes.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("id,account_id,effective_on,mrr,currency,recorded_at").contains(id + "," + account + ",2025-02-03,4900,USD,");
        java.net.http.HttpResponse<String> nd = ndjson("/api/v1/insights/exports/mrr-changes.ndjson");
        assertThat(nd.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
        assertThat(nd.body().lines().filter(l -> l.contains(id)).findFirst().orElseThrow())
                .contains("\"effective_on\":\"2025-02-03\"").contains("\"mrr\":4900");
        assertProblem(owner().get("/api/v1/insights/exports/secrets.csv"), 404, "/problems/not-found");
    }

    @Test
    void parquetExportReadsBackWithTypedColumnsAndEveryRow() throws Exception {
        String account = unique("pq");
        owner().put("/api/v1/accounts/" + account, "{\"name\":\"Parquet\"}");
        String tag = unique("pq");
        Api.Response partner = owner().post("/api/v1/partners", "{\"name\":\"Parquet " + tag + "\",\"type\":\"solution\",\"domain\":\"" + tag
                + ".example\",\"admin_email\":\"admin-" + tag + "@example.org\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        String partnerId = partner.text("id");
        String touch = unique("tch");
        String partnerTouch = unique("tch");
        Api.Response stored = owner().post("/api/v1/insights/facts/touchpoints", "{\"data\":[{\"id\":\"" + touch + "\",\"account_id\":\"" + account
                + "\",\"kind\":\"webinar\",\"occurred_at\":\"2025-02-03T10:15:30.123456Z\"},{\"id\":\"" + partnerTouch + "\",\"account_id\":\""
                + account + "\",\"partner_id\":\"" + partnerId + "\",\"kind\":\"deal_registration\",\"occurred_at\":\"2025-02-04T00:00:00Z\"}]}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        owner().post("/api/v1/insights/facts/mrr-changes", "{\"data\":[{\"id\":\"" + unique("chg") + "\",\"account_id\":\"" + account
                + "\",\"effective_on\":\"2025-02-03\",\"mrr\":4900}]}");

        java.net.http.HttpResponse<byte[]> response = download("/api/v1/insights/exports/touchpoints.parquet");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/vnd.apache.parquet");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("touchpoints", ".parquet");
        java.nio.file.Path mrr = java.nio.file.Files.createTempFile("mrr", ".parquet");
        try {
            java.nio.file.Files.write(file, response.body());
            java.nio.file.Files.write(mrr, download("/api/v1/insights/exports/mrr-changes.parquet").body());
            long total = jdbc.sql("select count(*) from insights_touchpoints where mode = 'live'").query(Long.class).single();
            try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                 java.sql.Statement s = duck.createStatement()) {
                java.util.Map<String, String> types = new java.util.HashMap<>();
                try (java.sql.ResultSet rs = s.executeQuery("describe select * from read_parquet('" + file + "')")) {
                    while (rs.next()) {
                        types.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(types).containsEntry("id", "VARCHAR").containsEntry("occurred_at", "TIMESTAMP WITH TIME ZONE")
                        .containsEntry("partner_id", "VARCHAR").containsEntry("kind", "VARCHAR");
                try (java.sql.ResultSet rs = s.executeQuery("select count(*) from read_parquet('" + file + "')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(total);
                }
                try (java.sql.ResultSet rs = s.executeQuery("select account_id, partner_id, kind, epoch_us(occurred_at) from read_parquet('" + file
                        + "') where id in ('" + touch + "', '" + partnerTouch + "') order by occurred_at")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(account);
                    assertThat(rs.getString(2)).isNull();
                    assertThat(rs.getLong(4)).isEqualTo(java.time.Instant.parse("2025-02-03T10:15:30.123456Z").getEpochSecond() * 1_000_000 + 123_456);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(2)).isEqualTo(partnerId);
                    assertThat(rs.getString(3)).isEqualTo("deal_registration");
                    assertThat(rs.next()).isFalse();
                }
                try (java.sql.ResultSet rs = s.executeQuery("select typeof(effective_on), typeof(mrr), cast(effective_on as varchar), mrr from read_parquet('"
                        + mrr + "') where account_id = '" + account + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("DATE");
                    assertThat(rs.getString(2)).isEqualTo("BIGINT");
                    assertThat(rs.getString(3)).isEqualTo("2025-02-03");
                    assertThat(rs.getLong(4)).isEqualTo(4900);
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(mrr);
        }
        assertProblem(owner().get("/api/v1/insights/exports/touchpoints.xlsx"), 400, "/problems/validation");
    }

    private java.net.http.HttpResponse<byte[]> download(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                    .header("Authorization", "Bearer " + OWNER_KEY).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private java.net.http.HttpResponse<String> ndjson(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + path))
                    .header("Authorization", "Bearer " + OWNER_KEY).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void installsReportedThroughTheSeamCountForDepth() {
        String account = unique("seam");
        owner().put("/api/v1/accounts/" + account, "{\"name\":\"Seam\",\"signup_date\":\"2025-01-01\"}");
        java.time.Instant at = java.time.Instant.parse("2025-01-05T00:00:00Z");
        installs.installed(dev.flywheel.platform.Mode.LIVE, unique("ins"), account, "slack", null, at);
        installs.installed(dev.flywheel.platform.Mode.LIVE, unique("ins"), account, "jira", null, at);
        Api.Response csv = owner().get("/api/v1/insights/exports/installs.csv");
        assertThat(csv.body().lines().filter(l -> l.contains(account)).count()).isEqualTo(2);
        Api.Response adoption = owner().get("/api/v1/insights/adoption?from=2025-01&to=2025-01");
        assertThat(adoption.status()).as(adoption.body()).isEqualTo(200);
        assertThat(adoption.json().get("cohorts").get(0).get("integrated").asLong()).isPositive();
    }
}
