package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser without the browser: cookies, form sign-in with CSRF, and no automatic
 * redirects, so a test sees every hop of the authorization code flow.
 */
final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;

    ConsoleSession(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static ConsoleSession signedIn(String base, String email, String password) {
        ConsoleSession s = new ConsoleSession(base);
        String csrf = s.csrfOf(s.get("/login").body());
        HttpResponse<String> r = s.postForm("/login", Map.of("username", email, "password", password, "_csrf", csrf));
        assertThat(r.headers().firstValue("location").orElse("")).as("sign-in").doesNotContain("error");
        return s;
    }

    HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        return postForm(path, fields.entrySet().stream().map(e -> new String[] {e.getKey(), e.getValue()}).toList());
    }

    HttpResponse<String> postForm(String path, List<String[]> fields) {
        List<String> parts = new ArrayList<>();
        for (String[] f : fields) {
            parts.add(URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(f[1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", parts))));
    }

    String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("csrf token in page").isTrue();
        return m.group(1);
    }

    static String stateOf(String html) {
        Matcher m = STATE.matcher(html);
        assertThat(m.find()).as("state in consent page").isTrue();
        return m.group(1);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
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

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(String url, String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
        return m.find() ? java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
    }
}
