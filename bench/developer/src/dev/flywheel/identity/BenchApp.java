package dev.flywheel.identity;

import dev.flywheel.FlywheelApplication;
import dev.flywheel.platform.Mode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts Flywheel in-process for the benchmarks, on a fresh in-memory H2 database, plus one thing
 * only the benchmark has: requests carrying {@code X-Bench-No-Auth} skip authentication — a fixed
 * owner caller is put in place, with no key lookup and no token verification — so the same
 * endpoint can be measured with authentication switched off in the same run.
 */
public final class BenchApp {

    public static final String OWNER_KEY = "fw_live_BenchBootstrapKey000000000000001";
    public static final String NO_AUTH_HEADER = "X-Bench-No-Auth";

    private BenchApp() {
    }

    public static ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(FlywheelApplication.class, NoAuthChain.class);
        // Command-line arguments, so they win over application.properties (port 8080, the file database).
        return app.run(
                "--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--flywheel.owner.admin-password=bench-password-not-used-1",
                "--flywheel.owner.bootstrap-api-key=" + OWNER_KEY,
                "--logging.level.root=warn",
                "--logging.level.flywheel.requests=warn");
    }

    @Configuration(proxyBeanMethods = false)
    static class NoAuthChain {

        @Bean
        @Order(-1)
        SecurityFilterChain benchNoAuth(HttpSecurity http, Organizations organizations) throws Exception {
            http.securityMatcher(request -> request.getRequestURI().startsWith("/api/") && request.getHeader(NO_AUTH_HEADER) != null)
                    .csrf(c -> c.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .addFilterBefore(new OncePerRequestFilter() {
                        private volatile String ownerId;

                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                                throws ServletException, IOException {
                            if (ownerId == null) {
                                ownerId = organizations.owner().id();
                            }
                            Caller caller = new Caller("bench", ownerId, OrganizationKind.OWNER, null, Mode.LIVE, "bench");
                            SecurityContext context = SecurityContextHolder.createEmptyContext();
                            context.setAuthentication(new ApiKeyAuthentication(caller, "API_KEY"));
                            SecurityContextHolder.setContext(context);
                            try {
                                chain.doFilter(request, response);
                            } finally {
                                SecurityContextHolder.clearContext();
                            }
                        }
                    }, AnonymousAuthenticationFilter.class)
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
    }
}
