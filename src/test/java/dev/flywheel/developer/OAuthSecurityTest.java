package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.flywheel.platform.Secrets;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The bad-input and security cases of the authorization server and apps. */
@Tag("database")
class OAuthSecurityTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    @Test
    void aClientSecretInTheUrlIsRefused() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Leaky"), "deals:read", "https://leaky.example/cb");
        Api.Response r = api().send(HttpRequest.newBuilder(URI.create(api().base() + "/oauth2/token?client_id=" + app[0] + "&client_secret=" + app[1]))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("error")).isEqualTo("invalid_request");
        assertThat(r.text("error_description")).contains("Never put a client secret in the URL");
        assertThat(r.body()).doesNotContain(app[1]);
    }

    @Test
    void guessingSecretsAtTheTokenEndpointIsThrottled() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Target"), "deals:read", "https://target.example/cb");
        Api.Response last = null;
        for (int i = 0; i < 12; i++) {
            last = postForm(api(), "/oauth2/token", basic(app[0], "fws_live_guess" + i), fields("grant_type", "client_credentials"));
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).isEqualTo(401);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(Integer.parseInt(last.header("retry-after"))).isBetween(1, 60);
        assertThat(last.header("ratelimit")).contains("r=0");
        // Even the right secret waits until the bucket refills: the guard answers before any secret is checked.
        assertThat(postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials")).status()).isEqualTo(429);
    }

    @Test
    void aRotatedSecretKeepsWorkingDuringTheOverlapAndTheNewOneWorksAtOnce() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Rotating"), "deals:read", "https://rot.example/cb");
        Api.Response rotated = api().as(app[3]).post("/api/v1/apps/" + app[2] + "/secrets", "");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(201);
        String newSecret = rotated.text("client_secret");
        assertThat(newSecret).isNotEqualTo(app[1]);
        assertThat(rotated.text("previous_secrets_valid_until")).isNotBlank();

        assertThat(postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials")).status()).isEqualTo(200);
        assertThat(postForm(api(), "/oauth2/token", basic(app[0], newSecret), fields("grant_type", "client_credentials")).status()).isEqualTo(200);
        Api.Response listed = api().as(app[3]).get("/api/v1/apps/" + app[2] + "/secrets");
        assertThat(listed.json().size()).isEqualTo(2);
        assertThat(listed.body()).doesNotContain(newSecret).doesNotContain(app[1]);
    }

    @Test
    void secretsAreStoredOnlyAsHashes() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Hashed"), "deals:read", "https://hash.example/cb");
        List<String> stored = jdbc.sql("select secret_hash from developer_app_secrets where app_id = :id").param("id", app[2]).query(String.class).list();
        assertThat(stored).containsExactly(Secrets.sha256Hex(app[1]));
    }

    @Test
    void testCredentialsNeverSeeLiveAppsAndTestAppsAreTestMode() {
        String partnerKey = OAuthTestSupport.partnerKey(owner(), unique("Modes"));
        Api.Response live = api().as(partnerKey).post("/api/v1/apps",
                "{\"name\":\"Live\",\"client_type\":\"confidential\",\"redirect_uris\":[],\"scopes\":[\"deals:read\"]}");
        String partnerId = api().as(partnerKey).get("/api/v1/partners").json().get("data").get(0).get("id").asString();
        String ownerTestKey = owner().post("/api/v1/api-keys", "{\"name\":\"sandbox\",\"mode\":\"test\"}").text("key");
        String testKey = api().as(ownerTestKey).post("/api/v1/partners/" + partnerId + "/api-keys", "{}").text("key");
        assertThat(testKey).startsWith("fw_test_");

        assertProblem(api().as(testKey).get("/api/v1/apps/" + live.text("id")), 404, "/problems/not-found");
        assertThat(api().as(testKey).get("/api/v1/apps").json().get("data").size()).isZero();
        Api.Response test = api().as(testKey).post("/api/v1/apps",
                "{\"name\":\"Sandbox\",\"client_type\":\"confidential\",\"redirect_uris\":[],\"scopes\":[\"deals:read\"]}");
        assertThat(test.text("client_id")).startsWith("fwc_test_");
        assertThat(test.text("mode")).isEqualTo("test");
        assertProblem(api().as(partnerKey).get("/api/v1/apps/" + test.text("id")), 404, "/problems/not-found");
        Api.Response token = postForm(api(), "/oauth2/token", basic(test.text("client_id"), test.text("client_secret")),
                fields("grant_type", "client_credentials"));
        assertThat(token.status()).as(token.body() + token.headers()).isEqualTo(200);
        assertThat(AuthorizationCodeFlowTest.claims(token.text("access_token")).get("mode").asString()).isEqualTo("test");
    }

    @Test
    void aPartnerCannotSeeOrRotateAnotherPartnersApp() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Mine"), "deals:read", "https://mine.example/cb");
        String otherKey = OAuthTestSupport.partnerKey(owner(), unique("NotMine"));
        assertProblem(api().as(otherKey).get("/api/v1/apps/" + app[2]), 404, "/problems/not-found");
        assertProblem(api().as(otherKey).post("/api/v1/apps/" + app[2] + "/secrets", ""), 404, "/problems/not-found");
    }

    @Test
    void aCustomerAdminRevokesAGrantAndTheTokensStopAtOnce() {
        String[] app = OAuthTestSupport.confidentialApp(owner(), unique("Revocable"), "deals:read", AuthorizationCodeFlowTest.REDIRECT);
        CustomerFixture customer = CustomerFixture.create(owner(), jdbc, passwords, "CUSTOMER_ADMIN");
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        HttpResponse<String> start = browser.get(AuthorizationCodeFlowTest.authorizeUrl(app[0], AuthorizationCodeFlowTest.REDIRECT, "deals:read",
                ConsoleSession.challengeOf(verifier), "st"));
        String page = browser.get(start.headers().firstValue("location").orElseThrow()).body();
        HttpResponse<String> done = browser.postForm("/oauth2/authorize", List.of(new String[] {"client_id", app[0]},
                new String[] {"state", ConsoleSession.stateOf(page)}, new String[] {"_csrf", browser.csrfOf(page)}, new String[] {"scope", "deals:read"}));
        String code = ConsoleSession.query(done.headers().firstValue("location").orElseThrow(), "code");
        Api.Response tokens = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "authorization_code", "code", code,
                "redirect_uri", AuthorizationCodeFlowTest.REDIRECT, "code_verifier", verifier));
        assertThat(tokens.status()).isEqualTo(200);

        HttpResponse<String> list = browser.get("/console/connected-apps");
        assertThat(list.body()).contains(app[2].isEmpty() ? "" : "deals:read");
        String grantId = jdbc.sql("select id from developer_grants where app_id = :app and revoked_at is null").param("app", app[2])
                .query(String.class).single();
        assertThat(list.body()).contains("/console/connected-apps/" + grantId + "/revoke");
        HttpResponse<String> revoked = browser.postForm("/console/connected-apps/" + grantId + "/revoke",
                List.<String[]>of(new String[] {"_csrf", browser.csrfOf(list.body())}));
        assertThat(revoked.statusCode()).isEqualTo(302);

        Api.Response info = postForm(api(), "/oauth2/introspect", basic(app[0], app[1]), fields("token", tokens.text("access_token")));
        assertThat(info.json().get("active").asBoolean()).isFalse();
        assertThat(postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "refresh_token", "refresh_token", tokens.text("refresh_token"))).text("error")).isEqualTo("invalid_grant");
        assertThat(browser.get("/console/connected-apps").body()).doesNotContain("/console/connected-apps/" + grantId + "/revoke");
    }

    @Test
    void secretsAndTokensNeverReachTheLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        String[] app;
        Api.Response token;
        try {
            app = OAuthTestSupport.confidentialApp(owner(), unique("Quiet"), "deals:read", "https://quiet.example/cb");
            token = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "client_credentials"));
            postForm(api(), "/oauth2/token", basic(app[0], app[1] + "x"), fields("grant_type", "client_credentials"));
            postForm(api(), "/oauth2/introspect", basic(app[0], app[1]), fields("token", token.text("access_token")));
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }
        List<ILoggingEvent> events;
        synchronized (captured) { // AppenderBase appends under this lock; other threads may still be logging
            events = new java.util.ArrayList<>(captured.list);
        }
        assertThat(events).isNotEmpty();
        for (ILoggingEvent e : events) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertThat(line).doesNotContain(app[1]).doesNotContain(token.text("access_token"));
        }
    }

    @Test
    void thePortalPagesArePublic() {
        Api.Response portal = api().get("/developers");
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.body()).contains("Build on Flywheel in 5 minutes").contains("grant_type=client_credentials")
                .contains("code_challenge_method=S256").contains("deals:read");
        assertThat(api().get("/developers/tokens").body()).contains("/oauth2/jwks").contains("withheld_fields");
    }
}
