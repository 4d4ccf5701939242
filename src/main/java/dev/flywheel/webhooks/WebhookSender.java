package dev.flywheel.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one webhook and reports what came back. Every attempt is bounded: {@code timeout} from
 * connect to last byte (enforced by cancelling the request), at most {@code excerptBytes} of the
 * body kept and at most {@code maxResponseBytes} read at all. Redirects are not followed (a
 * redirect could lead past the SSRF guard's decision); connections are pooled per host.
 */
class WebhookSender implements AutoCloseable {

    /** What one attempt produced: a status (null if no response), latency, the body excerpt, an error, a Retry-After. */
    record Response(Integer status, long latencyMillis, String excerpt, String error, Duration retryAfter) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;
    private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration timeout;
    private final int excerptBytes;
    private final long maxResponseBytes;
    private final Clock clock;

    WebhookSender(AddressGuard guard, Duration timeout, int excerptBytes, long maxResponseBytes, int maxConnections, Clock clock) {
        this.timeout = timeout;
        this.excerptBytes = excerptBytes;
        this.maxResponseBytes = maxResponseBytes;
        this.clock = clock;
        Timeout t = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                        .setMaxConnTotal(Math.max(2, maxConnections * 2))
                        .setMaxConnPerRoute(Math.max(2, maxConnections))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableAuthCaching()
                .setUserAgent("Flywheel-Webhooks/1")
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every deadline is cancelled (the response came in time); without this each would stay queued for the
        // whole timeout, and at thousands of deliveries a second the timer's queue would hold tens of thousands.
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    Response post(String url, Map<String, String> headers, String body) {
        long start = System.nanoTime();
        HttpPost post;
        try {
            post = new HttpPost(url);
        } catch (IllegalArgumentException e) {
            return new Response(null, 0, null, "invalid URL: " + e.getMessage(), null);
        }
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        inFlight.add(post);
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            String excerpt = read(response.getEntity());
            Duration retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
            return new Response(status, millisSince(start), excerpt, null, retryAfter);
        } catch (IOException | RuntimeException e) {
            String error = post.isCancelled() ? "no complete response within " + timeout.toSeconds() + " s" : describe(e);
            return new Response(null, millisSince(start), null, error, null);
        } finally {
            deadline.cancel(false);
            inFlight.remove(post);
        }
    }

    /** Aborts every request in flight (a node halting at once). */
    void abortAll() {
        inFlight.forEach(HttpPost::cancel);
    }

    private String read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return null;
            }
            byte[] kept = in.readNBytes(excerptBytes);
            long total = kept.length;
            byte[] skip = new byte[8192];
            int n;
            while (total < maxResponseBytes && (n = in.read(skip)) > 0) {
                total += n;
            }
            return new String(kept, StandardCharsets.UTF_8);
        }
    }

    private Duration retryAfter(Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused: " + message;
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out: " + message;
        }
        return message.length() > 900 ? message.substring(0, 900) : message;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException ignored) {
            // closing pooled connections; nothing left to do
        }
    }
}
