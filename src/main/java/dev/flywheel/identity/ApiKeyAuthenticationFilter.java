package dev.flywheel.identity;

import dev.flywheel.platform.web.ApiPaths;
import dev.flywheel.platform.web.ProblemType;
import dev.flywheel.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer fw_…}. A key that is
 * unknown, revoked or expired is refused here with a problem that says which, rather than
 * falling through to a generic 401. Any other bearer token is handed to the
 * {@link BearerTokenVerifier}s (OAuth access tokens).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final List<BearerTokenVerifier> verifiers;
    private final ProblemWriter problems;
    private final Clock clock;

    ApiKeyAuthenticationFilter(ApiKeys keys, List<BearerTokenVerifier> verifiers, ProblemWriter problems, Clock clock) {
        this.keys = keys;
        this.verifiers = List.copyOf(verifiers);
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.substring(BEARER.length()).trim();
        String path = ApiPaths.pathOf(request);
        if (!presented.startsWith("fw_")) {
            // Not an API key: an OAuth access token, verified by another module.
            Optional<Caller> caller;
            try {
                caller = verifiers.stream().map(v -> v.verify(presented)).flatMap(Optional::stream).findFirst();
            } catch (BearerTokenVerifier.Rejected rejected) {
                problems.write(response, ProblemType.UNAUTHENTICATED, rejected.getMessage(), path);
                return;
            }
            if (caller.isEmpty()) {
                // Nobody recognises it: as if no credential was sent (public paths stay open, others answer 401).
                chain.doFilter(request, response);
                return;
            }
            authenticated(new ApiKeyAuthentication(caller.get(), "OAUTH_TOKEN"), request, response, chain);
            return;
        }
        Optional<ApiKeys.Verified> verified = keys.verify(presented);
        Optional<ApiKey> key = verified.map(ApiKeys.Verified::key);
        if (key.isEmpty()) {
            problems.write(response, ProblemType.UNAUTHENTICATED,
                    "This API key is not valid. Check that it was copied completely; keys are shown only once, so create a new one in the console if it is lost.", path);
            return;
        }
        if (key.get().revokedAt() != null) {
            problems.write(response, ProblemType.UNAUTHENTICATED,
                    "This API key (" + key.get().displayPrefix() + "…) was revoked on " + key.get().revokedAt() + ". Use an active key.", path);
            return;
        }
        if (!key.get().isActiveAt(clock.instant())) {
            problems.write(response, ProblemType.UNAUTHENTICATED,
                    "This API key (" + key.get().displayPrefix() + "…) expired on " + key.get().expiresAt() + ". Create a new key.", path);
            return;
        }
        Organization org = verified.get().organization();
        Caller caller = new Caller(key.get().id(), org.id(), org.kind(), null, key.get().mode(),
                key.get().name() + " (" + key.get().displayPrefix() + "…)", key.get().access());
        authenticated(new ApiKeyAuthentication(caller, "API_KEY"), request, response, chain);
    }

    private static void authenticated(ApiKeyAuthentication authentication, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
