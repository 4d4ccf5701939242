package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Secrets;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Flywheel's own API accepts the access tokens it issues, with their scopes, account and withheld fields. */
@Tag("database")
class OAuthOnApiTest extends IntegrationTest {

    static final String REDIRECT = "https://owner-app.example/callback";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** An app the owner registered (the product's own integration), as [client_id, client_secret, app id]. */
    private String[] ownerApp(String scopes) {
        Api.Response app = owner().post("/api/v1/apps", "{\"name\":\"" + unique("Owner app") + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"scopes\":[" + OAuthTestSupport.quoted(scopes) + "]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return new String[] {app.text("client_id"), app.text("client_secret"), app.text("id")};
    }

    private String clientCredentials(String[] app, String scope) {
        Api.Response token = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials", "scope", scope));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.text("access_token");
    }

    /** A customer admin consents to the app (withholding the given fields); returns the access token. */
    private String granted(String[] app, CustomerFixture customer, String scope, String... withhold) {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        HttpResponse<String> start = browser.get("/oauth2/authorize?response_type=code&client_id=" + enc(app[0]) + "&redirect_uri="
                + enc(REDIRECT) + "&scope=" + enc(scope) + "&state=s1&code_challenge=" + ConsoleSession.challengeOf(verifier)
                + "&code_challenge_method=S256");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        HttpResponse<String> page = browser.get(start.headers().firstValue("location").orElseThrow());
        List<String[]> form = new ArrayList<>();
        form.add(new String[] {"client_id", app[0]});
        form.add(new String[] {"state", ConsoleSession.stateOf(page.body())});
        form.add(new String[] {"_csrf", browser.csrfOf(page.body())});
        for (String s : scope.split(" ")) {
            form.add(new String[] {"scope", s});
        }
        for (String w : withhold) {
            form.add(new String[] {"withhold", w});
        }
        HttpResponse<String> done = browser.postForm("/oauth2/authorize", form);
        String code = ConsoleSession.query(done.headers().firstValue("location").orElseThrow(), "code");
        Api.Response tokens = postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.text("access_token");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String externalIdOf(String accountId) {
        return jdbc.sql("select external_id from organizations where id = :id").param("id", accountId).query(String.class).single();
    }

    @Test
    void aClientCredentialsTokenCallsTheApiWithinItsScopes() {
        String[] app = ownerApp("accounts:read events:read");
        String token = clientCredentials(app, "accounts:read");
        String external = unique("cus");
        assertThat(owner().put("/api/v1/accounts/" + external, "{\"name\":\"Scoped Co\",\"domain\":\"scoped.example\"}").status()).isEqualTo(201);

        Api.Response read = api().as(token).get("/api/v1/accounts/" + external);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.text("domain")).isEqualTo("scoped.example");

        Api.Response write = api().as(token).put("/api/v1/accounts/" + external, "{\"name\":\"Renamed\"}");
        assertProblem(write, 403, "/problems/insufficient-scope");
        assertThat(write.header("WWW-Authenticate")).contains("insufficient_scope").contains("accounts:write");
        assertThat(write.text("detail")).contains("accounts:write");

        assertProblem(api().as(token).get("/api/v1/events"), 403, "/problems/insufficient-scope");
        assertProblem(api().as(token).get("/api/v1/partners"), 403, "/problems/insufficient-scope");
        assertThat(api().as(token).get("/api/v1/scopes").status()).isEqualTo(200);
    }

    @Test
    void aPartnerAppsTokenActsForThePartnerOnly() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Partner app"), "accounts:read", "https://p.example/cb");
        String token = clientCredentials(app, "accounts:read");
        // The token carries accounts:read, but customer accounts are the owner's data: the partner may not list them.
        assertProblem(api().as(token).get("/api/v1/accounts"), 403, "/problems/forbidden");
    }

    @Test
    void fieldsTheCustomerWithheldAreLeftOutOfResponsesAndOtherAccountsAreHidden() {
        String[] app = ownerApp("accounts:read");
        CustomerFixture customer = CustomerFixture.create(owner(), jdbc, passwords, "CUSTOMER_ADMIN");
        String external = externalIdOf(customer.accountId());
        owner().put("/api/v1/accounts/" + external, "{\"name\":\"Withholding Co\",\"domain\":\"withholding.example\",\"segment\":\"mid-market\","
                + "\"attributes\":{\"departments\":[\"Sales\",\"Support\",\"Finance\"]}}");
        String token = granted(app, customer, "accounts:read", "accounts.domain");

        Api.Response own = api().as(token).get("/api/v1/accounts/" + external);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().has("domain")).isFalse();
        assertThat(own.text("segment")).isEqualTo("mid-market");
        assertThat(own.text("id")).isEqualTo(customer.accountId());
        // The owner's own key still sees the field.
        assertThat(owner().get("/api/v1/accounts/" + external).text("domain")).isEqualTo("withholding.example");

        Api.Response list = api().as(token).get("/api/v1/accounts?limit=100");
        assertThat(list.status()).isEqualTo(200);
        list.json().get("data").forEach(item -> {
            assertThat(item.get("id").asString()).isEqualTo(customer.accountId());
            assertThat(item.has("domain")).isFalse();
        });

        String other = unique("other");
        owner().put("/api/v1/accounts/" + other, "{\"name\":\"Someone else\"}");
        assertProblem(api().as(token).get("/api/v1/accounts/" + other), 404, "/problems/not-found");
    }

    @Test
    void aRevokedGrantStopsTheTokenAtOnceOnTheApi() {
        String[] app = ownerApp("accounts:read");
        CustomerFixture customer = CustomerFixture.create(owner(), jdbc, passwords, "CUSTOMER_ADMIN");
        String token = granted(app, customer, "accounts:read");
        String external = externalIdOf(customer.accountId());
        assertThat(api().as(token).get("/api/v1/accounts/" + external).status()).isEqualTo(200);

        jdbc.sql("update developer_grants set revoked_at = current_timestamp where app_id = :app").param("app", app[2]).update();
        Api.Response refused = api().as(token).get("/api/v1/accounts/" + external);
        assertProblem(refused, 401, "/problems/unauthenticated");
        assertThat(refused.text("detail")).contains("revoked");
    }

    @Test
    void forgedAndMalformedTokensAreRefusedWithAReason() {
        String[] app = ownerApp("accounts:read");
        String token = clientCredentials(app, "accounts:read");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        Api.Response forged = api().as(tampered).get("/api/v1/scopes");
        assertProblem(forged, 401, "/problems/unauthenticated");
        assertThat(forged.text("detail")).contains("not issued by this server");

        // Not a JWT and not an API key: treated as no credential.
        assertProblem(api().as("opaque-token-value").get("/api/v1/apps"), 401, "/problems/unauthenticated");
    }
}
