package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.PublicUrls;
import dev.flywheel.platform.mail.Mailer;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Inviting people into an organization by email, and accepting the invitation. */
@Service
class Invitations {

    private final UserRepository users;
    private final OneTimeLinks links;
    private final Mailer mailer;
    private final PublicUrls urls;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AccountSecurityProperties properties;
    private final Clock clock;

    Invitations(UserRepository users, OneTimeLinks links, Mailer mailer, PublicUrls urls, AuditLog audit, PasswordEncoder passwords,
            PasswordPolicy policy, AccountSecurityProperties properties, Clock clock) {
        this.users = users;
        this.links = links;
        this.mailer = mailer;
        this.urls = urls;
        this.audit = audit;
        this.passwords = passwords;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    User invite(Organization organization, String email, Role role) {
        if (role.kind() != organization.kind()) {
            throw ApiException.invalid("role", "must be one of " + Role.of(organization.kind()) + " for this organization");
        }
        String normalized = UserRepository.normalizeEmail(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw ApiException.conflict("A user with the email " + normalized + " already exists. Each person has one account; use another address.")
                    .with("field", "admin_email");
        }
        User user = new User(Ids.next("usr"), organization.id(), normalized, null, role, UserStatus.INVITED, clock.instant(), null);
        users.insert(user, null);
        String secret = links.issue(user.id(), UserTokenRepository.Purpose.INVITATION, properties.invitationValidity());
        String link = urls.of("/invitations/" + secret);
        mailer.send(normalized, "You are invited to " + organization.name() + " on Flywheel",
                "Hello,\n\nYou have been invited to join " + organization.name() + " on Flywheel as " + role.label() + ".\n\n"
                        + "Accept the invitation and choose your password here:\n" + link + "\n\n"
                        + "The link works once and expires in " + properties.invitationValidity().toDays() + " days.\n"
                        + "If you did not expect this email you can ignore it.\n");
        audit.record(organization.id(), "user.invited", user.id(), normalized + " as " + role.label());
        return user;
    }

    Optional<User> pending(String secret) {
        return links.valid(secret, UserTokenRepository.Purpose.INVITATION).flatMap(t -> users.find(t.userId()))
                .filter(u -> u.status() == UserStatus.INVITED);
    }

    /** Activates the invited user with the chosen password; empty with a reason if it cannot. */
    @Transactional
    Optional<String> accept(String secret, String name, String password, String confirmation) {
        var token = links.valid(secret, UserTokenRepository.Purpose.INVITATION);
        Optional<User> user = token.flatMap(t -> users.find(t.userId())).filter(u -> u.status() == UserStatus.INVITED);
        if (user.isEmpty()) {
            return Optional.of("This invitation link is no longer valid. Ask the person who invited you to send a new one.");
        }
        Optional<String> weak = policy.problem(password, confirmation, user.get().email());
        if (weak.isPresent()) {
            return weak;
        }
        if (!links.redeem(token.get())) {
            return Optional.of("This invitation link was used already. Sign in, or ask for a new invitation.");
        }
        String display = name == null || name.isBlank() ? null : name.trim();
        users.activate(user.get().id(), display, passwords.encode(password));
        audit.recordAs(user.get().email(), user.get().organizationId(), "invitation.accepted", user.get().id(), null);
        return Optional.empty();
    }
}
