package dev.flywheel.developer;

import static dev.flywheel.developer.OAuthTestSupport.basic;
import static dev.flywheel.developer.OAuthTestSupport.fields;
import static dev.flywheel.developer.OAuthTestSupport.postForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Secrets;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Authorization code + PKCE, consent, refresh rotation, revocation and introspection, over real HTTP. */
@Tag("database")
class AuthorizationCodeFlowTest extends IntegrationTest {

    static final String REDIRECT = "https://app.example/callback";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    String[] app;
    CustomerFixture customer;

    @BeforeEach
    void setUp() {
        app = OAuthTestSupport.confidentialApp(api().as(OWNER_KEY), unique("Flow"), "deals:read contacts:read", REDIRECT);
        customer = CustomerFixture.create(api().as(OWNER_KEY), jdbc, passwords, "CUSTOMER_ADMIN");
    }

    /** Signs in, asks for authorization, consents (optionally limiting departments and withholding fields); returns the code. */
    String authorize(ConsoleSession browser, String scope, String verifier, List<String[]> extra) {
        HttpResponse<String> start = browser.get(authorizeUrl(app[0], REDIRECT, scope, ConsoleSession.challengeOf(verifier), "xyz"));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String consentUrl = start.headers().firstValue("location").orElseThrow();
        assertThat(consentUrl).contains("/oauth2/consent");
        HttpResponse<String> page = browser.get(consentUrl);
        assertThat(page.statusCode()).isEqualTo(200);
        List<String[]> form = new ArrayList<>();
        form.add(new String[] {"client_id", app[0]});
        form.add(new String[] {"state", ConsoleSession.stateOf(page.body())});
        form.add(new String[] {"_csrf", browser.csrfOf(page.body())});
        for (String s : scope.split(" ")) {
            form.add(new String[] {"scope", s});
        }
        form.addAll(extra);
        HttpResponse<String> done = browser.postForm("/oauth2/authorize", form);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        String back = done.headers().firstValue("location").orElseThrow();
        assertThat(back).startsWith(REDIRECT);
        assertThat(ConsoleSession.query(back, "state")).isEqualTo("xyz");
        return ConsoleSession.query(back, "code");
    }

    static String authorizeUrl(String clientId, String redirect, String scope, String challenge, String state) {
        return "/oauth2/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(redirect) + "&scope=" + enc(scope)
                + "&state=" + state + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    }

    Api.Response exchange(String code, String verifier) {
        return postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
    }

    Api.Response introspect(String token) {
        return postForm(api(), "/oauth2/introspect", basic(app[0], app[1]), fields("token", token));
    }

    static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void aCustomerAdminAuthorizesAnAppAndTheTokenCarriesTheGrant() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        String code = authorize(browser, "deals:read contacts:read", verifier,
                List.of(new String[] {"department", "Sales"}, new String[] {"withhold", "contacts.phone"}));

        Api.Response tokens = exchange(code, verifier);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.text("refresh_token")).isNotBlank();
        JsonNode claims = claims(tokens.text("access_token"));
        assertThat(claims.get("account_id").asString()).isEqualTo(customer.accountId());
        assertThat(claims.get("app_id").asString()).isEqualTo(app[2]);
        assertThat(claims.get("departments").toString()).isEqualTo("[\"Sales\"]");
        assertThat(claims.get("withheld_fields").toString()).isEqualTo("[\"contacts.phone\"]");
        assertThat(claims.get("scope").toString()).contains("deals:read", "contacts:read");

        Api.Response info = introspect(tokens.text("access_token"));
        assertThat(info.json().get("active").asBoolean()).isTrue();
        assertThat(info.json().get("account_id").asString()).isEqualTo(customer.accountId());
        assertThat(info.json().get("withheld_fields").toString()).contains("contacts.phone");
    }

    @Test
    void aConsentPageExplainsEachScopeInPlainWords() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        HttpResponse<String> start = browser.get(authorizeUrl(app[0], REDIRECT, "deals:read contacts:read",
                ConsoleSession.challengeOf(Secrets.randomBase62(50)), "s1"));
        String page = browser.get(start.headers().firstValue("location").orElseThrow()).body();
        assertThat(page).contains("See the deals registered on your account.").contains("Sales").contains("contacts.phone")
                .contains("Deny");
    }

    @Test
    void denyingConsentSendsTheAppAccessDenied() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        HttpResponse<String> start = browser.get(authorizeUrl(app[0], REDIRECT, "deals:read", ConsoleSession.challengeOf(Secrets.randomBase62(50)), "s2"));
        String page = browser.get(start.headers().firstValue("location").orElseThrow()).body();
        HttpResponse<String> denied = browser.postForm("/oauth2/authorize", List.of(new String[] {"client_id", app[0]},
                new String[] {"state", ConsoleSession.stateOf(page)}, new String[] {"_csrf", browser.csrfOf(page)}));
        assertThat(denied.headers().firstValue("location").orElseThrow()).startsWith(REDIRECT).contains("error=access_denied");
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeGrant() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        Api.Response first = exchange(authorize(browser, "deals:read", verifier, List.of()), verifier);
        String refresh1 = first.text("refresh_token");

        Api.Response second = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "refresh_token", "refresh_token", refresh1));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        String refresh2 = second.text("refresh_token");
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(claims(second.text("access_token")).get("account_id").asString()).isEqualTo(customer.accountId());

        Api.Response replay = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "refresh_token", "refresh_token", refresh1));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.text("error")).isEqualTo("invalid_grant");

        Api.Response afterTheft = postForm(api(), "/oauth2/token", basic(app[0], app[1]), fields("grant_type", "refresh_token", "refresh_token", refresh2));
        assertThat(afterTheft.text("error")).isEqualTo("invalid_grant");
        assertThat(introspect(second.text("access_token")).json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aRefreshCannotWidenTheScopes() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        Api.Response tokens = exchange(authorize(browser, "deals:read", verifier, List.of()), verifier);
        Api.Response wider = postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "refresh_token", "refresh_token", tokens.text("refresh_token"), "scope", "deals:read contacts:read"));
        assertThat(wider.status()).isEqualTo(400);
        assertThat(wider.text("error")).isEqualTo("invalid_scope");
    }

    @Test
    void aReusedAuthorizationCodeIsRefusedAndRevokesWhatItIssued() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        String code = authorize(browser, "deals:read", verifier, List.of());
        Api.Response tokens = exchange(code, verifier);
        assertThat(tokens.status()).isEqualTo(200);
        Api.Response again = exchange(code, verifier);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("error")).isEqualTo("invalid_grant");
        assertThat(introspect(tokens.text("access_token")).json().get("active").asBoolean()).isFalse();
        assertThat(postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "refresh_token", "refresh_token", tokens.text("refresh_token"))).text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aWrongPkceVerifierIsRefused() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String code = authorize(browser, "deals:read", Secrets.randomBase62(64), List.of());
        Api.Response r = exchange(code, Secrets.randomBase62(64));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutPkceIsRefused() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        HttpResponse<String> r = browser.get(authorizeUrl(app[0], REDIRECT, "deals:read", null, "s3"));
        assertThat(r.headers().firstValue("location").orElse("")).startsWith(REDIRECT).contains("error=invalid_request")
                .doesNotContain("code=");
    }

    @Test
    void anUnregisteredRedirectUriGetsAnErrorPageAndNoRedirect() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        for (String evil : new String[] {"https://evil.example/callback", REDIRECT + "/../evil", REDIRECT + "?next=https://evil.example",
                "https://app.example.evil.example/callback"}) {
            HttpResponse<String> r = browser.get(authorizeUrl(app[0], evil, "deals:read", ConsoleSession.challengeOf("v".repeat(50)), "s4"));
            assertThat(r.statusCode()).as(evil).isEqualTo(400);
            assertThat(r.headers().firstValue("location")).as(evil).isEmpty();
        }
    }

    @Test
    void askingForAScopeTheAppDidNotDeclareIsRefused() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        HttpResponse<String> r = browser.get(authorizeUrl(app[0], REDIRECT, "deals:write", ConsoleSession.challengeOf("v".repeat(50)), "s5"));
        assertThat(r.headers().firstValue("location").orElse("")).startsWith(REDIRECT).contains("error=invalid_scope");
    }

    @Test
    void anUnauthenticatedPersonIsSentToSignInFirst() {
        ConsoleSession anonymous = new ConsoleSession(baseUrl());
        HttpResponse<String> r = anonymous.get(authorizeUrl(app[0], REDIRECT, "deals:read", ConsoleSession.challengeOf("v".repeat(50)), "s6"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("location").orElseThrow()).endsWith("/login");
    }

    @Test
    void revokedTokensAreInactiveOnIntrospection() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        Api.Response tokens = exchange(authorize(browser, "deals:read", verifier, List.of()), verifier);
        Api.Response revoked = postForm(api(), "/oauth2/revoke", basic(app[0], app[1]), fields("token", tokens.text("refresh_token")));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(introspect(tokens.text("refresh_token")).json().get("active").asBoolean()).isFalse();
        assertThat(postForm(api(), "/oauth2/token", basic(app[0], app[1]),
                fields("grant_type", "refresh_token", "refresh_token", tokens.text("refresh_token"))).text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void anotherPartnersAppCannotReadOrRevokeTheseTokens() {
        ConsoleSession browser = ConsoleSession.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        Api.Response tokens = exchange(authorize(browser, "deals:read", verifier, List.of()), verifier);
        String[] other = OAuthTestSupport.confidentialApp(api().as(OWNER_KEY), unique("Other"), "deals:read", "https://other.example/cb");

        Api.Response peek = postForm(api(), "/oauth2/introspect", basic(other[0], other[1]), fields("token", tokens.text("access_token")));
        assertThat(peek.status()).isEqualTo(200);
        assertThat(peek.json().get("active").asBoolean()).isFalse();
        assertThat(peek.body()).doesNotContain(customer.accountId());

        postForm(api(), "/oauth2/revoke", basic(other[0], other[1]), fields("token", tokens.text("refresh_token")));
        assertThat(introspect(tokens.text("refresh_token")).json().get("active").asBoolean()).isTrue();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
