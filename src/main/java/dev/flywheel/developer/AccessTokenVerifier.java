package dev.flywheel.developer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.flywheel.identity.Access;
import dev.flywheel.identity.BearerTokenVerifier;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Lets Flywheel's own API accept the access tokens it issues: verifies the JWT against this
 * server's signing keys (in process, no HTTP), then maps it to a {@link Caller} of the app's
 * organization carrying the token's scopes, account, departments and withheld fields. A token of
 * a customer grant that was revoked is refused at once even though its signature is still good
 * (the grant is checked on every request); a disabled app's tokens within 10 s, and so are the
 * tokens of an app another module suspended ({@link AppSuspensions}; at once on the node that
 * suspends, which evicts the app from the cache). The signature
 * of a token is checked once per node: what it vouched for is remembered (by the token's
 * SHA-256) until the token expires: in {@code bench/developer} this took an API read with a JWT
 * from 0.63 to 1.08 of the unauthenticated throughput (the RS256 check costs about 36 µs).
 */
@Component
class AccessTokenVerifier implements BearerTokenVerifier {

    private static final Duration APP_CACHE = Duration.ofSeconds(10);

    private record AppAndOrganization(App app, Organization organization, boolean suspended, Instant at) {
    }

    /** What a valid signature vouched for; kept until the token expires, so each token's RS256 check runs once per node. */
    private record Checked(String appId, String subject, String mode, Set<String> scopes, String accountId, List<String> departments,
            Set<String> withheld, Instant expiresAt) {
    }

    private static final int MAX_CHECKED = 10_000;

    private final NimbusJwtDecoder decoder;
    private final Apps apps;
    private final Organizations organizations;
    private final Grants grants;
    private final java.util.List<AppSuspensions> suspensions;
    private final Clock clock;
    private final Map<String, AppAndOrganization> cache = new ConcurrentHashMap<>();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    AccessTokenVerifier(SigningKeys keys, Apps apps, Organizations organizations, Grants grants,
            org.springframework.beans.factory.ObjectProvider<AppSuspensions> suspensions, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, (selector, context) -> selector.select(keys.published())));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        this.decoder = new NimbusJwtDecoder(processor);
        this.decoder.setJwtValidator(JwtValidators.createDefault());
        this.apps = apps;
        this.organizations = organizations;
        this.grants = grants;
        this.suspensions = suspensions.orderedStream().toList();
        this.clock = clock;
    }

    /** Another module suspended or reinstated the app: read it again on its next token (after the change committed). */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(Apps.AccessChanged changed) {
        cache.remove(changed.appId());
    }

    @Override
    public Optional<Caller> verify(String token) {
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        Checked claims = check(token);
        String appId = claims.appId();
        AppAndOrganization found = appId == null ? null : appAndOrganization(appId);
        if (found == null || !found.app().isActive()) {
            throw new Rejected("The app this token was issued to no longer exists or is disabled.");
        }
        if (found.suspended()) {
            throw new Rejected("The app this token was issued to is suspended from the marketplace; its tokens work again once it is reinstated.");
        }
        App app = found.app();
        Mode mode = "test".equals(claims.mode()) ? Mode.TEST : Mode.LIVE;
        if (mode != app.mode()) {
            throw new Rejected("This token's mode does not match its app's.");
        }
        String accountId = claims.accountId();
        // Checked on every request, so a customer's revocation stops the token at once.
        if (accountId != null && grants.active(app.id(), claims.subject()).isEmpty()) {
            throw new Rejected("The customer revoked this app's access. Ask them to authorize the app again.");
        }
        Access access = new Access(claims.scopes(), accountId, claims.departments(), claims.withheld());
        Organization org = found.organization();
        return Optional.of(new Caller(app.id(), org.id(), org.kind(), null, mode, app.name() + " (OAuth app " + app.clientId() + ")", access));
    }

    private Checked check(String token) {
        String key = dev.flywheel.platform.Secrets.sha256Hex(token);
        Instant now = clock.instant();
        Checked known = checked.get(key);
        if (known != null) {
            if (known.expiresAt() != null && !known.expiresAt().isAfter(now)) {
                checked.remove(key);
                throw new Rejected("This access token expired or is not yet valid. Get a new one from /oauth2/token (or refresh it).");
            }
            return known;
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException invalid) {
            throw new Rejected("This access token expired or is not yet valid. Get a new one from /oauth2/token (or refresh it).");
        } catch (JwtException invalid) {
            throw new Rejected("This access token was not issued by this server or was altered. Get a token from /oauth2/token.");
        }
        Checked fresh = new Checked(jwt.getClaimAsString("app_id"), jwt.getSubject(), jwt.getClaimAsString("mode"),
                scopes(jwt.getClaims().get("scope")), jwt.getClaimAsString("account_id"), list(jwt.getClaims().get("departments")),
                Set.copyOf(list(jwt.getClaims().get("withheld_fields"))), jwt.getExpiresAt());
        if (fresh.expiresAt() != null) {
            if (checked.size() >= MAX_CHECKED) {
                checked.values().removeIf(c -> !c.expiresAt().isAfter(now));
                if (checked.size() >= MAX_CHECKED) {
                    checked.clear();
                }
            }
            checked.put(key, fresh);
        }
        return fresh;
    }

    private AppAndOrganization appAndOrganization(String appId) {
        Instant now = clock.instant();
        AppAndOrganization cached = cache.get(appId);
        if (cached != null && cached.at().plus(APP_CACHE).isAfter(now)) {
            return cached;
        }
        App app = apps.find(appId).orElse(null);
        Organization org = app == null ? null : organizations.find(app.organizationId()).orElse(null);
        if (app == null || org == null) {
            return null;
        }
        if (cache.size() > 10_000) {
            cache.clear();
        }
        boolean suspended = suspensions.stream().anyMatch(s -> s.suspended(appId));
        AppAndOrganization loaded = new AppAndOrganization(app, org, suspended, now);
        cache.put(appId, loaded);
        return loaded;
    }

    private static Set<String> scopes(Object claim) {
        if (claim instanceof String s) {
            return AuthorizationServerConfiguration.scopesOf(s);
        }
        return new LinkedHashSet<>(list(claim));
    }

    private static List<String> list(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
