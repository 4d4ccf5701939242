package dev.flywheel.developer;

import dev.flywheel.identity.BenchApp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput and p99 latency of an authenticated API read — GET /api/v1/scopes with an API key,
 * and with an OAuth access token (JWT) — against the same endpoint with authentication switched
 * off, in one run, in rounds that alternate the three variants so drift affects all alike.
 *
 * Usage: ApiReadBench [threads] [seconds per variant per round] [rounds]
 */
public final class ApiReadBench {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");

    record Result(long requests, double seconds, long[] latenciesNanos) {

        double throughput() {
            return requests / seconds;
        }

        double p99Millis() {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ConfigurableApplicationContext context = BenchApp.start();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port;
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            // The owner's own integration: an app with a key and a client-credentials token; the owner is not rate-limited.
            String app = post(client, base + "/api/v1/apps", "Bearer " + BenchApp.OWNER_KEY, "application/json",
                    "{\"name\":\"Bench\",\"client_type\":\"confidential\",\"scopes\":[\"events:read\"]}");
            Map<String, String> a = fields(app);
            String key = fields(post(client, base + "/api/v1/apps/" + a.get("id") + "/api-keys", "Bearer " + BenchApp.OWNER_KEY,
                    "application/json", "{}")).get("key");
            String basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(a.get("client_id"), StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(a.get("client_secret"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            String url = base + "/api/v1/scopes";
            System.out.printf("GET /api/v1/scopes, %d client threads, %d s per variant per round, %d rounds, JDK %s, %d cores%n",
                    threads, seconds, rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (String v : List.of("no auth", "API key", "JWT")) {
                results.put(v, new ArrayList<>());
            }
            run(client, url, Map.of(BenchApp.NO_AUTH_HEADER, "1"), threads, 3); // warm-up
            run(client, url, Map.of("Authorization", "Bearer " + key), threads, 3);
            for (int r = 0; r < rounds; r++) {
                String jwt = fields(post(client, base + "/oauth2/token", basic, "application/x-www-form-urlencoded",
                        "grant_type=client_credentials&scope=events:read")).get("access_token");
                if (r == 0) {
                    run(client, url, Map.of("Authorization", "Bearer " + jwt), threads, 3); // warm-up
                }
                results.get("no auth").add(run(client, url, Map.of(BenchApp.NO_AUTH_HEADER, "1"), threads, seconds));
                results.get("API key").add(run(client, url, Map.of("Authorization", "Bearer " + key), threads, seconds));
                results.get("JWT").add(run(client, url, Map.of("Authorization", "Bearer " + jwt), threads, seconds));
            }
            double reference = median(results.get("no auth").stream().mapToDouble(Result::throughput).toArray());
            double referenceP99 = median(results.get("no auth").stream().mapToDouble(Result::p99Millis).toArray());
            System.out.printf("%-10s %14s %10s %18s%n", "variant", "requests/s", "p99 ms", "ratio to no auth");
            for (Map.Entry<String, List<Result>> e : results.entrySet()) {
                double tput = median(e.getValue().stream().mapToDouble(Result::throughput).toArray());
                double p99 = median(e.getValue().stream().mapToDouble(Result::p99Millis).toArray());
                System.out.printf("%-10s %14.0f %10.2f %18.2f%n", e.getKey(), tput, p99, tput / reference);
            }
            System.out.printf("reference (no auth): %.0f requests/s, p99 %.2f ms; target: API key and JWT >= 0.80 of its throughput%n",
                    reference, referenceP99);
        } finally {
            context.close();
        }
    }

    private static Result run(HttpClient client, String url, Map<String, String> headers, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            long[] latencies = new long[1_000_000];
            perThread.add(latencies);
            int index = t;
            Thread thread = new Thread(() -> {
                HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(10));
                headers.forEach(builder::header);
                HttpRequest request = builder.build();
                int n = 0;
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long took = System.nanoTime() - t0;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
                        }
                        if (n < latencies.length) {
                            latencies[n] = took;
                        }
                        n++;
                    }
                } catch (Exception e) {
                    System.err.println("client thread failed: " + e.getMessage());
                    stop.set(true);
                } finally {
                    counts[index] = n;
                    done.countDown();
                }
            });
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            total += counts[t];
            long[] l = perThread.get(t);
            for (int i = 0; i < Math.min(counts[t], l.length); i++) {
                all.add(l[i]);
            }
        }
        return new Result(total, elapsed, all.stream().mapToLong(Long::longValue).toArray());
    }

    private static String post(HttpClient client, String url, String authorization, String type, String body) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            out.putIfAbsent(m.group(1), m.group(2));
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
