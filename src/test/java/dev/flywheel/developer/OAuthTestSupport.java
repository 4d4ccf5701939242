package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers for talking to the authorization server the way a client would. */
final class OAuthTestSupport {

    private OAuthTestSupport() {
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a form to an authorization server endpoint with HTTP Basic client authentication. */
    static Api.Response postForm(Api api, String path, String authorization, Map<String, String> fields) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }

    /** A confidential app of a new partner; returns [client_id, client_secret, app id, partner key]. */
    static String[] confidentialApp(Api owner, String name, String scopes, String redirect) {
        String partnerKey = partnerKey(owner, name);
        Api.Response app = owner.as(partnerKey).post("/api/v1/apps", "{\"name\":\"" + name + "\",\"client_type\":\"confidential\","
                + "\"redirect_uris\":[\"" + redirect + "\"],\"scopes\":[" + quoted(scopes) + "]}");
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        return new String[] {app.text("client_id"), app.text("client_secret"), app.text("id"), partnerKey};
    }

    static String partnerKey(Api owner, String name) {
        Api.Response partner = owner.post("/api/v1/partners", "{\"name\":\"" + name + "\",\"type\":\"technology\",\"admin_email\":\""
                + name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + System.nanoTime() + "@example.org\"}");
        assertThat(partner.status()).as(partner.body()).isEqualTo(201);
        Api.Response key = owner.post("/api/v1/partners/" + partner.text("id") + "/api-keys", "{\"name\":\"dev\"}");
        return key.text("key");
    }

    static String quoted(String spaceSeparated) {
        return java.util.Arrays.stream(spaceSeparated.split(" ")).map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
    }
}
