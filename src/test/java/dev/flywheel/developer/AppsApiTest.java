package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The contract: apps, the scope catalog, server metadata and the client credentials grant. */
@Tag("database")
class AppsApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void aPartnerRegistersAConfidentialAppAndSeesTheSecretOnce() {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Builder"));
        Api.Response r = api().as(key).post("/api/v1/apps", """
                {"name":"Acme Sync","client_type":"confidential","redirect_uris":["https://acme.example/callback"],
                 "scopes":["deals:read","contacts:read"]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("id")).startsWith("app_");
        assertThat(r.text("client_id")).startsWith("fwc_live_");
        assertThat(r.text("client_secret")).startsWith("fws_live_").hasSizeGreaterThan(40);
        assertThat(r.text("client_type")).isEqualTo("confidential");

        Api.Response again = api().as(key).get("/api/v1/apps/" + r.text("id"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).doesNotContain(r.text("client_secret"));
        assertThat(again.json().has("client_secret")).isFalse();
        assertThat(api().as(key).get("/api/v1/apps").json().get("data").get(0).get("id").asString()).isEqualTo(r.text("id"));
    }

    @Test
    void aPublicAppHasNoSecret() {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Spa"));
        Api.Response r = api().as(key).post("/api/v1/apps", """
                {"name":"Acme SPA","client_type":"public","redirect_uris":["http://localhost:5173/callback"],"scopes":["deals:read"]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().has("client_secret")).isFalse();
    }

    @Test
    void refusesUnsafeRedirectUrisAndUnknownScopes() {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Unsafe"));
        for (String uri : new String[] {"http://acme.example/cb", "https://*.acme.example/cb", "https://acme.example/cb#x", "/relative",
                "javascript:alert(1)"}) {
            Api.Response r = api().as(key).post("/api/v1/apps", "{\"name\":\"X\",\"client_type\":\"confidential\",\"redirect_uris\":[\""
                    + uri + "\"],\"scopes\":[\"deals:read\"]}");
            assertProblem(r, 400, "/problems/validation");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("redirect_uris");
        }
        Api.Response unknown = api().as(key).post("/api/v1/apps",
                "{\"name\":\"X\",\"client_type\":\"confidential\",\"redirect_uris\":[],\"scopes\":[\"deals:delete\"]}");
        assertProblem(unknown, 400, "/problems/validation");
        assertThat(unknown.text("detail")).contains("GET /api/v1/scopes");
    }

    @Test
    void listsTheScopeCatalogToAnyKey() {
        String key = OAuthTestSupport.partnerKey(owner(), unique("Reader"));
        Api.Response r = api().as(key).get("/api/v1/scopes");
        assertThat(r.status()).isEqualTo(200);
        JsonNode deals = null;
        for (JsonNode s : r.json().get("data")) {
            if (s.get("name").asString().equals("deals:read")) {
                deals = s;
            }
        }
        assertThat(deals).isNotNull();
        assertThat(deals.get("level").asString()).isEqualTo("read");
        assertThat(deals.get("description").asString()).isNotBlank();
    }

    @Test
    void theOwnerAddsScopesAndPartnersMayNot() {
        String name = "things" + System.nanoTime() % 100000 + ":read";
        Api.Response created = owner().post("/api/v1/scopes", "{\"name\":\"" + name + "\",\"description\":\"See your things.\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(owner().get("/api/v1/scopes").body()).contains(name);
        String key = OAuthTestSupport.partnerKey(owner(), unique("Sneaky"));
        assertProblem(api().as(key).post("/api/v1/scopes", "{\"name\":\"x:read\",\"description\":\"x\"}"), 403, "/problems/forbidden");
    }

    @Test
    void serverMetadataNamesEveryEndpoint() {
        Api.Response r = api().get("/.well-known/oauth-authorization-server");
        assertThat(r.status()).isEqualTo(200);
        for (String field : new String[] {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "revocation_endpoint",
                "introspection_endpoint"}) {
            assertThat(r.text(field)).as(field).isNotBlank();
        }
        assertThat(r.json().get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(r.json().get("grant_types_supported").toString()).contains("client_credentials", "authorization_code", "refresh_token");
    }

    @Test
    void clientCredentialsIssuesATokenForDeclaredScopesAndRefusesOthers() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Machine"), "deals:read contacts:read", "https://m.example/cb");
        Api.Response token = postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "client_credentials", "scope", "deals:read"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        assertThat(token.text("access_token")).isNotBlank();
        assertThat(token.text("token_type")).isEqualToIgnoringCase("Bearer");
        assertThat(token.text("scope")).isEqualTo("deals:read");
        assertThat(token.json().has("refresh_token")).isFalse();

        Api.Response escalated = postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "client_credentials", "scope", "deals:write"));
        assertThat(escalated.status()).isEqualTo(400);
        assertThat(escalated.text("error")).isEqualTo("invalid_scope");

        Api.Response wrongSecret = postForm(api(), "/oauth2/token", basic(app[0], "fws_live_not-the-secret"),
                fields("grant_type", "client_credentials"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.text("error")).isEqualTo("invalid_client");
    }
}
