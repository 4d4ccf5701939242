package dev.flywheel.developer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Spring Security's OAuth 2.1 authorization server, on its own filter chain ahead of every other
 * chain and matching only its endpoints ({@code /oauth2/*}, {@code /.well-known/*}). The person
 * authorizing an app signs in through the console's form login; clients, authorizations,
 * consents and signing keys all live in the database.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String CONSENT_PAGE = "/oauth2/consent";

    @Bean
    @Order(0)
    SecurityFilterChain authorizationServer(HttpSecurity http, RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
            OAuth2AuthorizationConsentService consents, Grants grants, Apps apps, Organizations organizations, DeveloperProperties properties)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        ClientSecretHashes secretHashes = new ClientSecretHashes();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(consents)
                        .clientAuthentication(c -> c.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                secrets.setPasswordEncoder(secretHashes);
                            }
                        })))
                        .authorizationEndpoint(e -> e
                                .consentPage(CONSENT_PAGE)
                                .authenticationProviders(providers -> providers.forEach(p -> {
                                    if (p instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
                                        consent.setAuthorizationConsentCustomizer(ctx -> recordGrant(ctx, apps, grants));
                                    }
                                })))
                        .tokenIntrospectionEndpoint(e -> e.authenticationProviders(providers -> providers.replaceAll(p ->
                                p instanceof OAuth2TokenIntrospectionAuthenticationProvider ? new IntrospectionPolicy(p, apps, organizations) : p))))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .addFilterAfter(new TokenEndpointGuard(properties.tokenFailuresPerMinute(), properties.tokenFailuresPerMinutePerAddress()), SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** Stores the person's choice of departments and withheld fields with their grant. */
    private static void recordGrant(OAuth2AuthorizationConsentAuthenticationContext ctx, Apps apps, Grants grants) {
        OAuth2AuthorizationConsentAuthenticationToken request = ctx.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication person)) {
            return;
        }
        Caller who = Caller.from(person).orElse(null);
        App app = apps.find(ctx.getRegisteredClient().getId()).orElse(null);
        if (who == null || app == null) {
            return;
        }
        Set<String> scopes = new LinkedHashSet<>();
        ctx.getAuthorizationConsent().authorities(authorities -> authorities.stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring(6)).forEach(scopes::add));
        if (scopes.isEmpty()) {
            return;
        }
        grants.consented(app, who, scopes, values(request.getAdditionalParameters().get("department")),
                values(request.getAdditionalParameters().get("withhold")));
    }

    private static List<String> values(Object parameter) {
        if (parameter instanceof String s) {
            return List.of(s);
        }
        if (parameter instanceof String[] many) {
            return Arrays.asList(many);
        }
        return List.of();
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients, GrantRepository grants,
            AuditLog audit, Clock clock) {
        return new TrackingAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), grants, audit, clock);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /** The published keys (public parts), served at /oauth2/jwks. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return (selector, context) -> selector.select(keys.published());
    }

    /** Signs with the current key only, so each token names exactly one {@code kid}. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }

    /**
     * What a Flywheel access token says besides the standard claims: the app and its mode, and
     * for tokens a customer granted, the account, the departments the grant is limited to and the
     * fields withheld from the app, so a resource server can enforce them without calling back.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(Apps apps, Grants grants) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            App app = apps.find(context.getRegisteredClient().getId()).orElse(null);
            if (app == null) {
                return;
            }
            context.getClaims().claim("app_id", app.id()).claim("mode", app.mode().wire()).claim("api_version", app.apiVersion());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                context.getClaims().claim("organization_id", app.organizationId());
                return;
            }
            String account = context.getAuthorization() == null ? null
                    : context.getAuthorization().getAttribute(TrackingAuthorizationService.ACCOUNT_ATTRIBUTE);
            if (account != null) {
                context.getClaims().claim("account_id", account);
            }
            grants.active(app.id(), context.getPrincipal().getName()).ifPresent(g -> {
                if (!g.departments().isEmpty()) {
                    context.getClaims().claim("departments", g.departments());
                }
                if (!g.withheldFields().isEmpty()) {
                    context.getClaims().claim("withheld_fields", g.withheldFields());
                }
            });
        };
    }

    static Set<String> scopesOf(String spaceSeparated) {
        return spaceSeparated == null ? Set.of() : Arrays.stream(spaceSeparated.trim().split(" +")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
