package dev.flywheel.developer;

import dev.flywheel.identity.Organizations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Who may learn what a token says: the app the token was issued to, and the owner's own apps
 * (the product's resource servers). Any other client is told the token is inactive (RFC 7662
 * §2.2 allows this), so one partner cannot read another partner's tokens.
 */
final class IntrospectionPolicy implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Apps apps;
    private final Organizations organizations;

    IntrospectionPolicy(AuthenticationProvider delegate, Apps apps, Organizations organizations) {
        this.delegate = delegate;
        this.apps = apps;
        this.organizations = organizations;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        Authentication result = delegate.authenticate(authentication);
        if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection) || !introspection.getTokenClaims().isActive()
                || !(introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)) {
            return result;
        }
        RegisteredClient asking = client.getRegisteredClient();
        String tokenClient = introspection.getTokenClaims().getClientId();
        boolean own = asking != null && asking.getClientId().equals(tokenClient);
        boolean owner = asking != null && apps.find(asking.getId()).map(a -> a.organizationId().equals(organizations.owner().id())).orElse(false);
        if (own || owner) {
            return result;
        }
        return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), client, OAuth2TokenIntrospection.builder().build());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
