package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.web.ApiPaths;
import dev.flywheel.platform.web.ProblemType;
import dev.flywheel.platform.web.ProblemWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after authentication on every API request made with a key or token:
 * <ol>
 * <li>scopes: a restricted credential (an OAuth token, a key issued with scopes) may only call
 * endpoints whose scope it holds ({@link ScopeRules}); otherwise {@code 403} with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"};</li>
 * <li>rate limit: a Bucket4j bucket per key or app, sized by its organization's plan
 * ({@link RatePlans}); every response carries {@code RateLimit-Policy} and {@code RateLimit}
 * (IETF httpapi rate-limit headers), an empty bucket answers {@code 429} with {@code Retry-After};</li>
 * <li>usage: the call is counted per client, version and day ({@link ApiUsage}).</li>
 * </ol>
 * Buckets live in each node's memory (at most {@value #MAX_BUCKETS}, least recently used dropped):
 * with N nodes behind a round-robin balancer a client gets up to N times its plan.
 */
@Component
@Order(-50)
class ApiTrafficFilter extends OncePerRequestFilter {

    private static final int MAX_BUCKETS = 20_000;

    private final RatePlans plans;
    private final ApiUsage usage;
    private final ProblemWriter problems;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_BUCKETS;
        }
    };

    ApiTrafficFilter(RatePlans plans, ApiUsage usage, ProblemWriter problems) {
        this.plans = plans;
        this.usage = usage;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> found = Caller.from(SecurityContextHolder.getContext().getAuthentication());
        if (found.isEmpty() || found.get().role() != null) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller = found.get();
        String path = ApiPaths.pathOf(request);
        if (caller.access().scopes() != null) {
            ScopeRules.Requirement needed = ScopeRules.required(request.getMethod(), path);
            if (!needed.open() && (needed.scope() == null || !caller.access().allows(needed.scope()))) {
                String detail = needed.scope() == null
                        ? "This endpoint is not covered by any scope, so only an unrestricted API key may call it; this credential is limited to "
                                + String.join(" ", caller.access().scopes()) + "."
                        : "This endpoint needs the scope " + needed.scope() + "; this credential holds "
                                + (caller.access().scopes().isEmpty() ? "none" : String.join(" ", caller.access().scopes()))
                                + ". Authorize the app again asking for it, or use a key issued with it.";
                response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\""
                        + (needed.scope() == null ? "" : ", scope=\"" + needed.scope() + "\""));
                problems.write(response, ProblemType.INSUFFICIENT_SCOPE, detail, path);
                return;
            }
        }
        Optional<RatePlans.Plan> plan = plans.planOf(caller.organizationId(), caller.organizationKind());
        if (plan.isPresent()) {
            RatePlans.Plan p = plan.get();
            ConsumptionProbe probe = bucket(caller.actorId() + "|" + p.name() + "|" + p.requestsPerMinute(), p.requestsPerMinute())
                    .tryConsumeAndReturnRemaining(1);
            long reset = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForReset() / 1e9));
            response.setHeader("RateLimit-Policy", "\"" + p.name() + "\";q=" + p.requestsPerMinute() + ";w=60");
            if (!probe.isConsumed()) {
                long wait = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
                response.setHeader("RateLimit", "\"" + p.name() + "\";r=0;t=" + wait);
                response.setHeader("Retry-After", String.valueOf(wait));
                problems.write(response, ProblemType.RATE_LIMITED, "This " + (caller.actorId().startsWith("app_") ? "app" : "API key")
                        + " made more than " + p.requestsPerMinute() + " requests in a minute (plan " + p.name() + "). Wait " + wait
                        + " seconds (Retry-After) and spread requests out, or ask the owner for a larger plan.", path);
                return;
            }
            response.setHeader("RateLimit", "\"" + p.name() + "\";r=" + probe.getRemainingTokens() + ";t=" + reset);
        }
        Object version = request.getAttribute(ApiVersionFilter.VERSION);
        try {
            chain.doFilter(request, response);
        } finally {
            // Counted once the answer is known, so client errors per app can be reported.
            if (version != null) {
                usage.count(version.toString(), caller.actorId(), caller.organizationId(), response.getStatus());
            }
        }
    }

    private Bucket bucket(String key, int perMinute) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
        }
    }
}
