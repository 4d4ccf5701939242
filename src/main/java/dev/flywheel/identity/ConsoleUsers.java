package dev.flywheel.identity;

import java.time.Clock;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads console users for form sign-in, with their lock state as of now. */
@Service
class ConsoleUsers implements UserDetailsService {

    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final Clock clock;

    ConsoleUsers(UserRepository users, OrganizationRepository organizations, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        UserRepository.Credentials credentials = users.credentials(email)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        Organization org = organizations.find(credentials.user().organizationId()).orElseThrow();
        boolean locked = credentials.lockedUntil() != null && credentials.lockedUntil().isAfter(clock.instant());
        String hash = credentials.passwordHash() == null ? "{noop}" + java.util.UUID.randomUUID() + "-never-matches" : credentials.passwordHash();
        return new ConsoleUser(credentials.user(), org.kind(), hash, locked);
    }
}
