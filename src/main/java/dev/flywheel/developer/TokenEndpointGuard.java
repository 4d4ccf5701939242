package dev.flywheel.developer;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sits in front of the token, introspection and revocation endpoints:
 * <ul>
 * <li>refuses a client secret sent in the URL, where proxies and logs would keep it;</li>
 * <li>throttles guessing: each failed request (400/401) costs a token from a bucket per client id
 * and one per remote address; an empty bucket answers {@code 429} with {@code Retry-After} before
 * any secret is checked.</li>
 * </ul>
 * Buckets live in each node's memory (at most {@value #MAX_BUCKETS} of each, least recently used
 * dropped), so with N nodes an attacker gets at most N times the budget.
 */
final class TokenEndpointGuard extends OncePerRequestFilter {

    static final Set<String> GUARDED = Set.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");
    private static final int MAX_BUCKETS = 10_000;

    private final int failuresPerMinute;
    private final int failuresPerMinutePerAddress;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > 2 * MAX_BUCKETS;
        }
    };

    TokenEndpointGuard(int failuresPerMinute, int failuresPerMinutePerAddress) {
        this.failuresPerMinute = failuresPerMinute;
        this.failuresPerMinutePerAddress = failuresPerMinutePerAddress;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !GUARDED.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && (query.contains("client_secret") || query.contains("client_assertion"))) {
            error(response, 400, "invalid_request", "Never put a client secret in the URL: send it in the Authorization header "
                    + "(HTTP Basic, client_secret_basic) or in the form body (client_secret_post), and rotate this secret now, "
                    + "because URLs end up in logs.");
            return;
        }
        Bucket byAddress = bucket("ip:" + request.getRemoteAddr(), failuresPerMinutePerAddress);
        String clientId = clientId(request);
        Bucket byClient = clientId == null ? null : bucket("client:" + clientId, failuresPerMinute);
        long waitNanos = Math.max(waitNanos(byAddress), byClient == null ? 0 : waitNanos(byClient));
        if (waitNanos > 0) {
            long seconds = Math.max(1, Duration.ofNanos(waitNanos).toSeconds() + 1);
            response.setHeader("Retry-After", String.valueOf(seconds));
            response.setHeader("RateLimit-Policy", "\"failures\";q=" + failuresPerMinute + ";w=60");
            response.setHeader("RateLimit", "\"failures\";r=0;t=" + seconds);
            error(response, 429, "slow_down", "Too many failed requests for this client or from this address. Wait " + seconds
                    + " seconds (Retry-After), then check the client id and secret before retrying.");
            return;
        }
        chain.doFilter(request, response);
        int status = response.getStatus();
        if (status == 400 || status == 401) {
            byAddress.tryConsume(1);
            if (byClient != null) {
                byClient.tryConsume(1);
            }
        }
    }

    private static long waitNanos(Bucket bucket) {
        return bucket.getAvailableTokens() > 0 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, int perMinute) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
        }
    }

    /** The client id from HTTP Basic or the form, without checking anything. */
    private static String clientId(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon > 0 ? java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String fromForm = request.getParameter("client_id");
        return fromForm == null || fromForm.length() > 100 ? null : fromForm;
    }

    private static void error(HttpServletResponse response, int status, String code, String description) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"error\":\"" + code + "\",\"error_description\":\"" + description.replace("\"", "'") + "\"}");
    }
}
