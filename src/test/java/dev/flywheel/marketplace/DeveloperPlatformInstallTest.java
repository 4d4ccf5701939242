package dev.flywheel.marketplace;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Role;
import dev.flywheel.platform.Secrets;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Installs of listings linked to a developer platform app: OAuth grants carry the tokens, uninstalling revokes them. */
@Tag("database")
class DeveloperPlatformInstallTest extends IntegrationTest {

    private static final String REDIRECT = "https://app.example/callback";

    @Autowired
    Installs installs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** [client_id, client_secret, app id]. */
    private String[] app(MarketplaceFixtures.Partner partner, String scopes) {
        Api.Response app = api().as(partner.key()).post("/api/v1/apps", "{\"name\":\"" + unique("Orbit") + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"scopes\":[" + scopes + "]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return new String[] {app.text("client_id"), app.text("client_secret"), app.text("id")};
    }

    @Test
    void theListingsAppIsCheckedInReviewAndInstallsAreAuthorizedThroughItAndRevokedOnUninstall() throws Exception {
        MarketplaceFixtures.Partner partner = MarketplaceFixtures.technologyPartner(owner(), unique("OAuth Maker"));
        MarketplaceFixtures.Partner other = MarketplaceFixtures.technologyPartner(owner(), unique("Other Maker"));
        Api api = api().as(partner.key());
        String[] narrowApp = app(partner, "\"contacts:read\"");
        String[] app = app(partner, "\"contacts:read\",\"deals:read\"");
        String[] foreign = app(other, "\"contacts:read\",\"deals:read\"");

        String id = api.post("/api/v1/marketplace/managed-listings", MarketplaceFixtures.listing(unique("Connected"), "An app with OAuth",
                MarketplaceFixtures.quoted("oauth"))).text("id");
        assertProblem(api.put("/api/v1/marketplace/managed-listings/" + id + "/app", "{\"app_id\":\"" + foreign[2] + "\"}"), 400,
                "/problems/validation");

        // An app not registered for every requested scope fails the review.
        assertThat(api.put("/api/v1/marketplace/managed-listings/" + id + "/app", "{\"app_id\":\"" + narrowApp[2] + "\"}").text("app_id"))
                .isEqualTo(narrowApp[2]);
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        Api.Response rejected = MarketplaceFixtures.awaitState(api, id, "rejected");
        assertThat(rejected.json().get("review").get("reasons").toString()).contains("oauth-app").contains("deals:read");

        api.put("/api/v1/marketplace/managed-listings/" + id + "/app", "{\"app_id\":\"" + app[2] + "\"}");
        api.post("/api/v1/marketplace/managed-listings/" + id + "/submit", "");
        MarketplaceFixtures.awaitState(api, id, "human_review");
        String slug = owner().post("/api/v1/marketplace/managed-listings/" + id + "/approve", "{}").text("slug");

        // A customer admin installs; the install is announced as the catalog event app.installed.
        Customers customer = Customers.create(owner(), jdbc, passwords, Role.CUSTOMER_ADMIN, "smb");
        Installation installation = installs.install(customer.caller(), slug);
        Api.Response events = owner().get("/api/v1/events?type=app.installed&limit=100");
        assertThat(events.body()).contains(installation.id()).contains(app[2]);
        Api.Response before = owner().get("/api/v1/marketplace/installations/" + installation.id());
        assertThat(before.json().get("authorized").asBoolean()).isFalse();

        // The app asks for authorization (OAuth code + PKCE); the admin consents; the app gets tokens.
        Session browser = Session.signedIn(baseUrl(), customer.email(), customer.password());
        String verifier = Secrets.randomBase62(64);
        String code = browser.authorize(app[0], "contacts:read deals:read", verifier);
        Api.Response tokens = form("/oauth2/token", app, "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + verifier);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String accessToken = tokens.text("access_token");
        assertThat(form("/oauth2/introspect", app, "token=" + enc(accessToken)).json().get("active").asBoolean()).isTrue();
        assertThat(owner().get("/api/v1/marketplace/installations/" + installation.id()).json().get("authorized").asBoolean()).isTrue();

        // Uninstalling revokes the app's grant: its tokens stop working at once.
        installs.uninstall(customer.caller(), installation.id());
        assertThat(form("/oauth2/introspect", app, "token=" + enc(accessToken)).json().get("active").asBoolean()).isFalse();
        Api.Response after = owner().get("/api/v1/marketplace/installations/" + installation.id());
        assertThat(after.json().get("authorized").asBoolean()).isFalse();
        assertThat(owner().get("/api/v1/events?type=app.uninstalled&limit=100").body()).contains(installation.id());

        // Installed and authorized again, then the owner suspends the listing: the app's tokens stop working.
        installs.install(customer.caller(), slug);
        String verifier2 = Secrets.randomBase62(64);
        String code2 = browser.authorize(app[0], "contacts:read deals:read", verifier2);
        String token2 = form("/oauth2/token", app, "grant_type=authorization_code&code=" + enc(code2) + "&redirect_uri=" + enc(REDIRECT)
                + "&code_verifier=" + verifier2).text("access_token");
        assertThat(form("/oauth2/introspect", app, "token=" + enc(token2)).json().get("active").asBoolean()).isTrue();
        owner().post("/api/v1/marketplace/managed-listings/" + id + "/suspend", "{\"reason\":\"Exfiltrating contacts\"}");
        assertThat(form("/oauth2/introspect", app, "token=" + enc(token2)).json().get("active").asBoolean()).isFalse();
        Api.Response suspended = owner().get("/api/v1/marketplace/installations/" + installation.id());
        assertThat(suspended.json().get("works").asBoolean()).isFalse();
        assertThat(suspended.json().get("authorized").asBoolean()).isFalse();
    }

    private Api.Response form(String path, String[] app, String body) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((enc(app[0]) + ":" + enc(app[1])).getBytes(StandardCharsets.UTF_8));
        return api().send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A signed-in console session that walks through the authorization server's consent page. */
    private static final class Session {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

        private final String base;
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        private Session(String base) {
            this.base = base;
        }

        static Session signedIn(String base, String email, String password) {
            Session s = new Session(base);
            String csrf = match(CSRF, s.get("/login").body());
            HttpResponse<String> r = s.post("/login", "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf));
            assertThat(r.headers().firstValue("location").orElse("")).doesNotContain("error");
            return s;
        }

        String authorize(String clientId, String scope, String verifier) throws Exception {
            String challenge = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse<String> start = get("/oauth2/authorize?response_type=code&client_id=" + enc(clientId) + "&redirect_uri=" + enc(REDIRECT)
                    + "&scope=" + enc(scope) + "&state=mkt&code_challenge=" + challenge + "&code_challenge_method=S256");
            assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
            HttpResponse<String> page = get(start.headers().firstValue("location").orElseThrow());
            List<String> form = new ArrayList<>();
            form.add("client_id=" + enc(clientId));
            form.add("state=" + enc(match(STATE, page.body())));
            form.add("_csrf=" + enc(match(CSRF, page.body())));
            for (String s : scope.split(" ")) {
                form.add("scope=" + enc(s));
            }
            HttpResponse<String> done = post("/oauth2/authorize", String.join("&", form));
            String back = done.headers().firstValue("location").orElseThrow();
            assertThat(back).startsWith(REDIRECT);
            Matcher m = Pattern.compile("[?&]code=([^&]*)").matcher(back);
            assertThat(m.find()).isTrue();
            return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        }

        HttpResponse<String> get(String pathOrUrl) {
            return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl)).GET());
        }

        HttpResponse<String> post(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String match(Pattern p, String html) {
            Matcher m = p.matcher(html);
            assertThat(m.find()).as("pattern " + p + " in page").isTrue();
            return m.group(1);
        }
    }
}
