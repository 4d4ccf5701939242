package dev.flywheel.platform;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets a 4xx problem document that names what to fix, never a 500. */
@Tag("database")
class ProblemDetailsTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void malformedJsonIsA400ThatSaysWhere() {
        Api.Response r = owner().post("/api/v1/partners", "{\"name\": \"Acme\", ");
        assertProblem(r, 400, "/problems/malformed-json");
        assertThat(r.text("detail")).contains("not valid JSON").contains("line 1");
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        Api.Response r = owner().post("/api/v1/partners",
                "{\"name\":\"Acme\",\"type\":\"technology\",\"admin_email\":\"a@acme.com\",\"colour\":\"red\"}");
        assertProblem(r, 400, "/problems/unknown-field");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("colour");
    }

    @Test
    void missingAndInvalidFieldsAreListedEachWithItsRule() {
        Api.Response r = owner().post("/api/v1/partners", "{\"type\":\"technology\",\"admin_email\":\"not-an-email\"}");
        assertProblem(r, 400, "/problems/validation");
        assertThat(fields(r)).contains("name", "admin_email");
        assertThat(r.text("detail")).contains("name").contains("admin_email");
    }

    @Test
    void wrongTypesAndUnknownEnumValuesAreA400() {
        Api.Response r = owner().post("/api/v1/partners", "{\"name\":\"Acme\",\"type\":\"reseller\",\"admin_email\":\"a@acme.com\"}");
        assertProblem(r, 400, "/problems/validation");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(r.json().get("errors").get(0).get("message").asString()).contains("technology", "solution", "referral");

        Api.Response list = owner().get("/api/v1/partners?limit=lots");
        assertProblem(list, 400, "/problems/validation");
        assertThat(list.text("detail")).contains("limit");
        assertProblem(owner().get("/api/v1/partners?limit=1000"), 400, "/problems/validation");
        assertProblem(owner().get("/api/v1/partners?starting_after=drop%20table"), 400, "/problems/validation");
    }

    @Test
    void anEmptyBodyIsA400() {
        assertProblem(owner().post("/api/v1/partners", ""), 400, "/problems/malformed-json");
    }

    @Test
    void oversizedBodiesAreA413WhetherDeclaredOrStreamed() {
        String big = "{\"name\":\"" + "x".repeat(7 * 1024 * 1024) + "\"}";
        assertProblem(owner().post("/api/v1/partners", big), 413, "/problems/payload-too-large");

        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(api().base() + "/api/v1/partners"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())));
        assertProblem(owner().send(chunked), 413, "/problems/payload-too-large");
    }

    @Test
    void aWrongContentTypeIsA415() {
        HttpRequest.Builder form = HttpRequest.newBuilder(URI.create(api().base() + "/api/v1/partners"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=Acme"));
        Api.Response r = owner().send(form);
        assertProblem(r, 415, "/problems/unsupported-media-type");
        assertThat(r.text("detail")).contains("application/json");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        assertProblem(owner().get("/api/v1/no-such-thing"), 404, "/problems/not-found");
        Api.Response r = owner().send(HttpRequest.newBuilder(URI.create(api().base() + "/api/v1/partners"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertProblem(r, 405, "/problems/method-not-allowed");
        assertThat(r.header("allow")).contains("GET").contains("POST");
    }

    @Test
    void missingOrBadCredentialsAreA401ThatSaysWhy() {
        assertProblem(api().get("/api/v1/partners"), 401, "/problems/unauthenticated");
        Api.Response bad = api().as("fw_live_NotARealKeyNotARealKey000000").get("/api/v1/partners");
        assertProblem(bad, 401, "/problems/unauthenticated");
        assertThat(bad.text("detail")).contains("not valid");
    }

    @Test
    void theProblemTypesArePublished() {
        Api.Response page = api().get("/problems/validation");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Invalid request");
    }

    private static java.util.List<String> fields(Api.Response r) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Iterator<tools.jackson.databind.JsonNode> it = r.json().get("errors").iterator();
        it.forEachRemaining(n -> out.add(n.get("field").asString()));
        return out;
    }
}
