package dev.flywheel.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every API POST: the same key with the same request replays the
 * stored response (status and body) instead of doing the work again; the same key with a
 * different request is refused with 422. Keys are scoped to the calling credential, so two
 * clients can never see each other's responses.
 *
 * <p>Runs after authentication (order 0, behind Spring Security's filter chain). A server error
 * releases the key so the client may retry; an attempt that died mid-way without releasing it is
 * taken over after {@link #ABANDONED_AFTER}.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final Clock clock;
    private final Duration window;

    IdempotencyFilter(IdempotencyStore store, ProblemWriter problems, Clock clock, ApiProperties properties) {
        this.store = store;
        this.problems = problems;
        this.clock = clock;
        this.window = properties.idempotencyWindow();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !ApiPaths.isApi(request) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).trim();
        String path = ApiPaths.pathOf(request);
        if (key.isEmpty() || key.length() > 255) {
            problems.write(response, ProblemType.VALIDATION, "The Idempotency-Key header must be 1 to 255 characters; a UUID is a good choice.", path);
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        CachedBodyRequest cached = new CachedBodyRequest(request);
        String scope = auth.getName();
        String hash = hash(request.getMethod(), path, request.getQueryString(), cached.body());
        Instant now = clock.instant();

        if (!store.claim(scope, key, hash, now)) {
            Optional<IdempotencyStore.Entry> existing = store.find(scope, key);
            if (existing.isPresent() && isStale(existing.get(), now)) {
                store.release(scope, key);
            } else if (existing.isPresent()) {
                answerFromStore(existing.get(), hash, response, path);
                return;
            }
            if (!store.claim(scope, key, hash, now)) {
                problems.write(response, ProblemType.IDEMPOTENCY_IN_PROGRESS, ProblemType.IDEMPOTENCY_IN_PROGRESS.explanation(), path);
                return;
            }
        }

        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(cached, wrapper);
            int status = wrapper.getStatus();
            if (status < 500) {
                store.complete(scope, key, status, wrapper.getContentType(),
                        new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(scope, key);
            }
            wrapper.copyBodyToResponse();
        }
    }

    private boolean isStale(IdempotencyStore.Entry entry, Instant now) {
        Instant created = entry.createdAt();
        return created.plus(window).isBefore(now) || (!entry.completed() && created.plus(ABANDONED_AFTER).isBefore(now));
    }

    private void answerFromStore(IdempotencyStore.Entry entry, String hash, HttpServletResponse response, String path) throws IOException {
        if (!entry.requestHash().equals(hash)) {
            problems.write(response, ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request (another path or body). Use a new key for a new request.", path);
            return;
        }
        if (!entry.completed()) {
            problems.write(response, ProblemType.IDEMPOTENCY_IN_PROGRESS, ProblemType.IDEMPOTENCY_IN_PROGRESS.explanation(), path);
            return;
        }
        response.setStatus(entry.status());
        if (entry.contentType() != null) {
            response.setContentType(entry.contentType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        byte[] body = entry.body() == null ? new byte[0] : entry.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Old records go in bounded batches, so the table stays small without long locks. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purgeExpired() {
        Instant cutoff = clock.instant().minus(window);
        while (store.purgeBefore(cutoff, 1000) == 1000) {
            // keep going until a partial batch shows the backlog is gone
        }
    }

    private static String hash(String method, String path, String query, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "?" + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
