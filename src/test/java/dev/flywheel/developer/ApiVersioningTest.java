package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** v1 and v2 side by side, the pinned version, deprecation headers and policy, and the usage report. */
@Tag("database")
class ApiVersioningTest extends IntegrationTest {

    @Autowired
    ApiUsage usage;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** A partner with three apps, returning the partner key. */
    private String partnerWithApps(int apps) {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Versioned"));
        for (int i = 0; i < apps; i++) {
            assertThat(api().as(key).post("/api/v1/apps", "{\"name\":\"App " + i + "\",\"client_type\":\"confidential\",\"scopes\":[\"events:read\"]}")
                    .status()).isEqualTo(201);
        }
        return key;
    }

    @Test
    void v1AndV2ServeTheSameListInTheirOwnShape() {
        Api partner = api().as(partnerWithApps(3));
        Api.Response v1 = partner.get("/api/v1/apps?limit=2");
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.header("Flywheel-Api-Version")).isEqualTo("v1");
        assertThat(v1.json().get("data")).hasSize(2);
        assertThat(v1.json().get("has_more").asBoolean()).isTrue();
        assertThat(v1.json().has("items")).isFalse();

        Api.Response v2 = partner.get("/api/v2/apps?limit=2");
        assertThat(v2.status()).as(v2.body()).isEqualTo(200);
        assertThat(v2.header("Flywheel-Api-Version")).isEqualTo("v2");
        assertThat(v2.text("object")).isEqualTo("list");
        assertThat(v2.json().get("items")).hasSize(2);
        assertThat(v2.json().has("data")).isFalse();
        assertThat(v2.json().has("has_more")).isFalse();
        String cursor = v2.text("next_cursor");
        assertThat(cursor).isEqualTo(v1.text("next_starting_after"));

        Api.Response page2 = partner.get("/api/v2/apps?limit=2&cursor=" + cursor);
        assertThat(page2.json().get("items")).hasSize(1);
        assertThat(page2.json().get("next_cursor").isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        v2.json().get("items").forEach(a -> ids.add(a.get("id").asString()));
        page2.json().get("items").forEach(a -> ids.add(a.get("id").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);

        // Single objects and writes are the same in both versions.
        String id = ids.get(0);
        assertThat(partner.get("/api/v2/apps/" + id).text("id")).isEqualTo(id);
    }

    @Test
    void unknownVersionsAnswer404WithTheLiveOnes() {
        Api.Response r = owner().get("/api/v9/apps");
        assertProblem(r, 404, "/problems/api-version-unknown");
        assertThat(r.text("detail")).contains("v1").contains("v2");
    }

    @Test
    void unversionedCallsAreServedInTheAppsPinnedVersion() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Pinned"), "webhooks:read", "https://pin.example/cb");
        // The scope catalog is open to every credential, so the token may read it in any version.
        Api partner = api().as(app[3]);
        Api.Response pinned = partner.post("/api/v1/apps/" + app[2] + "/api-version", "{\"api_version\":\"v2\"}");
        assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
        assertThat(pinned.text("api_version")).isEqualTo("v2");
        assertProblem(partner.post("/api/v1/apps/" + app[2] + "/api-version", "{\"api_version\":\"v7\"}"), 400, "/problems/validation");

        String token = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials", "scope", "webhooks:read"))
                .text("access_token");
        Api.Response unversioned = api().as(token).get("/api/scopes");
        assertThat(unversioned.status()).as(unversioned.body()).isEqualTo(200);
        assertThat(unversioned.header("Flywheel-Api-Version")).isEqualTo("v2");
        assertThat(unversioned.json().has("items")).isTrue();
        // An API key has no app to pin: unversioned calls get v1.
        Api.Response byKey = partner.get("/api/apps");
        assertThat(byKey.header("Flywheel-Api-Version")).isEqualTo("v1");
        assertThat(byKey.json().has("data")).isTrue();
    }

    @Test
    void deprecationPolicyIsEnforcedAndDeprecatedVersionsCarryTheHeaders() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertProblem(owner().post("/api/v1/api-versions/v1/deprecation", "{\"sunset_on\":\"" + today.plusMonths(5) + "\"}"), 422,
                "/problems/unprocessable");
        assertProblem(owner().post("/api/v1/api-versions/v2/deprecation", "{\"sunset_on\":\"" + today.plusYears(1) + "\"}"), 422,
                "/problems/unprocessable");
        String partnerKey = partnerWithApps(0);
        assertProblem(api().as(partnerKey).post("/api/v1/api-versions/v1/deprecation", "{\"sunset_on\":\"" + today.plusYears(1) + "\"}"), 403,
                "/problems/forbidden");

        JsonNode v1 = versions().stream().filter(v -> v.get("version").asString().equals("v1")).findFirst().orElseThrow();
        LocalDate sunset;
        if (v1.get("status").asString().equals("live")) {
            sunset = today.plusMonths(7);
            usage.flush(); // the owner's own calls to v1 so far are in the report, so its admins are told
            Api.Response done = owner().post("/api/v1/api-versions/v1/deprecation", "{\"sunset_on\":\"" + sunset + "\"}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.json().get("version").get("status").asString()).isEqualTo("deprecated");
            assertThat(done.json().get("notified_organizations").size()).isPositive();
            MimeMessage mail = awaitMailTo(OWNER_EMAIL);
            assertThat(messagesTo(OWNER_EMAIL).stream().anyMatch(m -> subject(m).contains("API v1 is deprecated"))).isTrue();
            assertThat(mail).isNotNull();
            Api.Response event = owner().get("/api/v1/events?type=api.version.deprecated");
            assertThat(event.json().get("data").get(0).get("data").get("version").asString()).isEqualTo("v1");
        } else {
            // A re-run on a database kept between runs: v1 was deprecated by an earlier run.
            sunset = LocalDate.parse(v1.get("sunset_on").asString());
        }
        assertProblem(owner().post("/api/v1/api-versions/v1/deprecation", "{\"sunset_on\":\"" + today.plusYears(2) + "\"}"), 422,
                "/problems/unprocessable");

        Api.Response onV1 = api().as(partnerKey).get("/api/v1/scopes");
        assertThat(onV1.status()).isEqualTo(200);
        assertThat(onV1.header("Deprecation")).matches("@\\d+");
        assertThat(onV1.header("Sunset")).contains(String.valueOf(sunset.getYear())).endsWith("GMT");
        assertThat(onV1.header("Link")).contains("/developers/migrations/v1").contains("rel=\"deprecation\"");
        Api.Response error = api().as(partnerKey).get("/api/v1/apps/app_missing");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.header("Deprecation")).isNotNull();
        Api.Response onV2 = api().as(partnerKey).get("/api/v2/scopes");
        assertThat(onV2.header("Deprecation")).isNull();
        assertThat(onV2.header("Sunset")).isNull();
    }

    @Test
    void theUsageReportCountsCallsPerClientPerVersionPerDay() {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Counted"));
        Api partner = api().as(key);
        for (int i = 0; i < 3; i++) {
            assertThat(partner.get("/api/v2/scopes").status()).isEqualTo(200);
        }
        partner.get("/api/v1/scopes");
        usage.flush();
        String keyId = partner.get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        usage.flush();
        Api.Response report = owner().get("/api/v1/api-versions/v2/usage?days=2");
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode r : report.json().get("data")) {
            if (r.get("organization_id").asString().equals(keyId)) {
                row = r;
            }
        }
        assertThat(row).as(report.body()).isNotNull();
        assertThat(row.get("calls").asLong()).isEqualTo(3);
        assertThat(row.get("client_kind").asString()).isEqualTo("api_key");
        assertThat(row.get("day").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertProblem(partner.get("/api/v1/api-versions/v2/usage"), 403, "/problems/forbidden");
    }

    private List<JsonNode> versions() {
        List<JsonNode> out = new ArrayList<>();
        owner().get("/api/v1/api-versions").json().get("data").forEach(out::add);
        return out;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
