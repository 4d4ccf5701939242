package dev.flywheel.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and locks the account after too many in a row: 1 minute
 * at the limit, doubling with each further failure up to 1 hour. A success resets the count.
 * Every outcome goes to the audit log.
 */
@Component
class SignInGuard {

    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private final UserRepository users;
    private final AuditLog audit;
    private final AccountSecurityProperties properties;
    private final Clock clock;

    SignInGuard(UserRepository users, AuditLog audit, AccountSecurityProperties properties, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long to lock after this many consecutive failures, or zero for no lock yet. */
    static Duration lockFor(int failures, int limit) {
        if (failures < limit) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - limit, 6);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String email = String.valueOf(event.getAuthentication().getPrincipal());
        var credentials = users.credentials(email);
        if (credentials.isEmpty()) {
            audit.recordAs(UserRepository.normalizeEmail(email), null, "login.failed", null, "unknown email");
            return;
        }
        User user = credentials.get().user();
        int failures = credentials.get().failedLogins() + 1;
        Duration lock = lockFor(failures, properties.maxFailedLogins());
        Instant lockedUntil = lock.isZero() ? null : clock.instant().plus(lock);
        users.recordFailure(user.id(), failures, lockedUntil);
        audit.recordAs(user.email(), user.organizationId(), "login.failed", user.id(), "wrong password (" + failures + " in a row)");
        if (lockedUntil != null) {
            audit.recordAs(user.email(), user.organizationId(), "login.locked", user.id(), "locked for " + lock.toMinutes() + " min");
        }
    }

    @EventListener
    @Transactional
    public void onLocked(AuthenticationFailureLockedEvent event) {
        String email = String.valueOf(event.getAuthentication().getPrincipal());
        users.findByEmail(email).ifPresent(u -> audit.recordAs(u.email(), u.organizationId(), "login.refused_locked", u.id(), null));
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof ConsoleUser user) {
            users.recordSuccess(user.user().id(), clock.instant());
            audit.recordAs(user.user().email(), user.user().organizationId(), "login.succeeded", user.user().id(), null);
        }
    }
}
