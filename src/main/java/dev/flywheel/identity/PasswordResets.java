package dev.flywheel.identity;

import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.mail.Mailer;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by emailed link. The request answers the same whether or not the address
 * exists, so the form cannot be used to find out who has an account.
 */
@Service
class PasswordResets {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final Mailer mailer;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AccountSecurityProperties properties;

    PasswordResets(UserRepository users, OneTimeLinks links, Mailer mailer, PublicUrls urls, AuditLog audit,
            PasswordEncoder passwords, PasswordPolicy policy, AccountSecurityProperties properties) {
        this.users = users;
        this.links = links;
        this.mailer = mailer;
        this.urls = urls;
        this.audit = audit;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
    }

    @Transactional
    void request(String email) {
        Optional<User> user = users.findByEmail(email).filter(u -> u.status() == UserStatus.ACTIVE);
        if (user.isEmpty()) {
            audit.recordAs(UserRepository.normalizeEmail(email), null, "password_reset.unknown_email", null, null);
            return;
        }
        String secret = links.issue(user.get().id(), UserTokenRepository.Purpose.RESET, properties.resetValidity());
        mailer.send(user.get().email(), "Reset your Flywheel password",
                "Hello,\n\nSomeone (hopefully you) asked to reset the password of your Flywheel account.\n\n"
                        + "Choose a new password here:\n" + urls.of("/password-reset/" + secret) + "\n\n"
                        + "The link works once and expires in " + properties.resetValidity().toMinutes() + " minutes.\n"
                        + "If you did not ask for this, ignore this email: your password stays as it is.\n");
        audit.recordAs(user.get().email(), user.get().organizationId(), "password_reset.requested", user.get().id(), null);
    }

    boolean isValid(String secret) {
        return links.valid(secret, UserTokenRepository.Purpose.RESET).isPresent();
    }

    /** Sets the new password; empty on success, otherwise the reason for the person. */
    @Transactional
    Optional<String> complete(String secret, String password, String confirmation) {
        var token = links.valid(secret, UserTokenRepository.Purpose.RESET);
        Optional<User> user = token.flatMap(t -> users.find(t.userId())).filter(u -> u.status() == UserStatus.ACTIVE);
        if (user.isEmpty()) {
            return Optional.of("This reset link is no longer valid. Ask for a new one below.");
        }
        Optional<String> weak = policy.problem(password, confirmation, user.get().email());
        if (weak.isPresent()) {
            return weak;
        }
        if (!links.redeem(token.get())) {
            return Optional.of("This reset link was used already. Ask for a new one below.");
        }
        links.expireOpen(user.get().id(), UserTokenRepository.Purpose.RESET);
        users.setPassword(user.get().id(), passwords.encode(password));
        audit.recordAs(user.get().email(), user.get().organizationId(), "password.reset", user.get().id(), null);
        return Optional.empty();
    }
}
