package dev.flywheel.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the API under test: what a customer's code would send. */
public final class Api {

    /** One response: status, headers and the body, parsed when it is JSON. */
    public record Response(int status, Map<String, String> headers, String body, JsonNode json) {

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public String contentType() {
            return header("content-type");
        }

        public String text(String field) {
            JsonNode node = json.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port, CLIENT, JSON);
    }

    private final String base;
    private final HttpClient client;
    private final JsonMapper json;
    private String key;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Api(String base, HttpClient client, JsonMapper json) {
        this.base = base;
        this.client = client;
        this.json = json;
    }

    /** Sends {@code Authorization: Bearer <key>} from now on. */
    public Api as(String apiKey) {
        Api copy = new Api(base, client, json);
        copy.key = apiKey;
        copy.headers.putAll(headers);
        return copy;
    }

    public Api header(String name, String value) {
        Api copy = as(key);
        copy.headers.put(name, value);
        return copy;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response patch(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> h = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> h.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            String type = h.getOrDefault("content-type", "");
            JsonNode parsed = type.contains("json") && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Response(response.statusCode(), h, response.body(), parsed);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String base() {
        return base;
    }
}
