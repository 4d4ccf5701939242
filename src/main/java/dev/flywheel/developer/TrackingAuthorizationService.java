package dev.flywheel.developer;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Secrets;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Wraps the JDBC authorization service with three things Spring's server leaves to us:
 * <ul>
 * <li>the signed-in person is stored as a plain name + authorities token (with their
 * organization as an attribute), never the console's own user object;</li>
 * <li>every refresh token rotated away is remembered (as a hash);</li>
 * <li>presenting a rotated-away refresh token again is treated as theft (RFC 9700 §4.14.2): the
 * whole authorization, with every token in it, is deleted.</li>
 * </ul>
 */
final class TrackingAuthorizationService implements OAuth2AuthorizationService {

    static final String ACCOUNT_ATTRIBUTE = "flywheel_account_id";
    private static final Logger log = LoggerFactory.getLogger(TrackingAuthorizationService.class);

    private final OAuth2AuthorizationService delegate;
    private final GrantRepository grants;
    private final AuditLog audit;
    private final Clock clock;

    TrackingAuthorizationService(OAuth2AuthorizationService delegate, GrantRepository grants, AuditLog audit, Clock clock) {
        this.delegate = delegate;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization safe = withPlainPrincipal(authorization);
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = safe.getRefreshToken();
        if (refresh != null) {
            OAuth2Authorization previous = delegate.findById(safe.getId());
            if (previous != null && previous.getRefreshToken() != null
                    && !previous.getRefreshToken().getToken().getTokenValue().equals(refresh.getToken().getTokenValue())) {
                grants.rememberRotated(Secrets.sha256Hex(previous.getRefreshToken().getToken().getTokenValue()), safe.getId(), clock.instant());
            }
        }
        delegate.save(safe);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        OAuth2Authorization found = delegate.findByToken(token, tokenType);
        if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
            grants.rotatedFrom(Secrets.sha256Hex(token)).ifPresent(this::revokeFamily);
        }
        return found;
    }

    private void revokeFamily(String authorizationId) {
        OAuth2Authorization family = delegate.findById(authorizationId);
        if (family != null) {
            delegate.remove(family);
            log.warn("A rotated refresh token was used again; authorization {} of client {} and all its tokens were revoked",
                    authorizationId, family.getRegisteredClientId());
            audit.record(family.getAttribute(ACCOUNT_ATTRIBUTE), "oauth.refresh_token_reused", family.getRegisteredClientId(),
                    "authorization " + authorizationId + " revoked because a rotated refresh token was presented again");
        }
    }

    private static OAuth2Authorization withPlainPrincipal(OAuth2Authorization authorization) {
        Authentication principal = authorization.getAttribute(Principal.class.getName());
        if (principal == null || principal instanceof UsernamePasswordAuthenticationToken u && u.getPrincipal() instanceof String) {
            return authorization;
        }
        List<GrantedAuthority> authorities = principal.getAuthorities().stream()
                .map(a -> (GrantedAuthority) new SimpleGrantedAuthority(a.getAuthority())).toList();
        Authentication plain = UsernamePasswordAuthenticationToken.authenticated(principal.getName(), null, authorities);
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization).attribute(Principal.class.getName(), plain);
        Caller.from(principal).ifPresent(c -> builder.attribute(ACCOUNT_ATTRIBUTE, c.organizationId()));
        return builder.build();
    }
}
