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
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer fw_…}. A key that is
 * unknown, revoked or expired is refused here with a problem that says which, rather than
 * falling through to a generic 401.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final OrganizationRepository organizations;
    private final ProblemWriter problems;
    private final Clock clock;

    ApiKeyAuthenticationFilter(ApiKeys keys, OrganizationRepository organizations, ProblemWriter problems, Clock clock) {
        this.keys = keys;
        this.organizations = organizations;
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
        if (!presented.startsWith("fw_")) {
            // Not an API key: another authentication mechanism (e.g. an OAuth access token) may handle it.
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = keys.lookup(presented);
        String path = ApiPaths.pathOf(request);
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
        Organization org = organizations.find(key.get().organizationId()).orElseThrow();
        Caller caller = new Caller(key.get().id(), org.id(), org.kind(), null, key.get().mode(),
                key.get().name() + " (" + key.get().displayPrefix() + "…)");
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
