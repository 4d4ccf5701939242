package dev.flywheel.identity;

import dev.flywheel.platform.web.ApiPaths;
import dev.flywheel.platform.web.ProblemType;
import dev.flywheel.platform.web.ProblemWriter;
import dev.flywheel.platform.web.PublicPaths;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains: the API (stateless, API keys, problem+json errors), the actuator, and the
 * console (form sign-in, session, CSRF). Pages check roles on the controller with
 * {@code @PreAuthorize}; the API checks the {@link Caller} in the controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    private static final String[] ALWAYS_PUBLIC_PAGES = {"/login", "/invitations/**", "/password-reset/**", "/css/**", "/js/**",
        "/webjars/**", "/favicon.ico", "/favicon.svg", "/problems/**", "/problems", "/error", "/docs/**", "/v3/api-docs/**",
        "/swagger-ui/**", "/swagger-ui.html"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, and old hashes keep working if the default ever changes.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, List<BearerTokenVerifier> verifiers, ProblemWriter problems,
            Clock clock, List<PublicPaths> publicPaths) throws Exception {
        String[] open = publicPaths.stream().flatMap(p -> p.api().stream()).toArray(String[]::new);
        http.securityMatcher(ApiPaths.PREFIX + "**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, verifiers, problems, clock), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> {
                    if (open.length > 0) {
                        a.requestMatchers(open).permitAll();
                    }
                    a.anyRequest().authenticated();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(response, ProblemType.UNAUTHENTICATED,
                                ProblemType.UNAUTHENTICATED.explanation(), ApiPaths.pathOf(request)))
                        .accessDeniedHandler((request, response, ex) -> problems.write(response, ProblemType.FORBIDDEN,
                                ProblemType.FORBIDDEN.explanation(), ApiPaths.pathOf(request))));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuator(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain console(HttpSecurity http, List<PublicPaths> publicPaths) throws Exception {
        String[] open = Stream.concat(Stream.of(ALWAYS_PUBLIC_PAGES), publicPaths.stream().flatMap(p -> p.pages().stream()))
                .toArray(String[]::new);
        http.authorizeHttpRequests(a -> a.requestMatchers(open).permitAll().anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/console", false)
                        .failureHandler((request, response, ex) -> {
                            String reason = ex instanceof LockedException ? "locked" : ex instanceof DisabledException ? "disabled" : "error";
                            response.sendRedirect(request.getContextPath() + "/login?" + reason);
                        })
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(h -> h
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }
}
