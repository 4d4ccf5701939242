package dev.flywheel.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key or an OAuth access token; its name is the key's (or app's) id, never the secret. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    ApiKeyAuthentication(Caller caller, String credentialKind) {
        super(List.of(new SimpleGrantedAuthority(caller.organizationKind().authority()),
                new SimpleGrantedAuthority("MODE_" + caller.mode().name()), new SimpleGrantedAuthority(credentialKind)));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actorId();
    }
}
