package dev.flywheel.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in protection and emailed links.
 *
 * @param maxFailedLogins failed sign-ins in a row before the account is locked (default 5); each
 *        further failure doubles the lock, from 1 minute up to 1 hour
 * @param invitationValidity how long an invitation link works (default 7 days)
 * @param resetValidity how long a password reset link works (default 1 hour)
 * @param minPasswordLength shortest password accepted (default 12)
 */
@ConfigurationProperties("flywheel.security")
public record AccountSecurityProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("7d") Duration invitationValidity,
        @DefaultValue("1h") Duration resetValidity,
        @DefaultValue("12") int minPasswordLength) {
}
