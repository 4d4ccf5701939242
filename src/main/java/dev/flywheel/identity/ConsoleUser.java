package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in console user; kept in the session, so it holds no secret beyond Spring's erased hash. */
record ConsoleUser(User user, OrganizationKind organizationKind, String passwordHash, boolean locked)
        implements UserDetails, CallerHolder, java.io.Serializable {

    @Override
    public Caller caller() {
        return new Caller(user.id(), user.organizationId(), organizationKind, user.role(), Mode.LIVE, user.email());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(user.role().authority()), new SimpleGrantedAuthority(organizationKind.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.email();
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return user.status() == UserStatus.ACTIVE;
    }
}
