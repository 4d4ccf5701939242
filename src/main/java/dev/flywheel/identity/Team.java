package dev.flywheel.identity;

import dev.flywheel.platform.web.ApiException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people of one organization: who may invite, disable, and change their own password. */
@Service
class Team {

    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final Invitations invitations;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AuditLog audit;

    Team(UserRepository users, OrganizationRepository organizations, Invitations invitations, PasswordEncoder passwords,
            PasswordPolicy policy, AuditLog audit) {
        this.users = users;
        this.organizations = organizations;
        this.invitations = invitations;
        this.passwords = passwords;
        this.policy = policy;
        this.audit = audit;
    }

    List<User> members(Caller caller) {
        return users.ofOrganization(caller.organizationId());
    }

    @Transactional
    User invite(Caller caller, String email, Role role) {
        requireAdmin(caller);
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            throw ApiException.invalid("email", "must be an email address such as jane@example.com");
        }
        Organization org = organizations.find(caller.organizationId()).orElseThrow();
        return invitations.invite(org, email, role);
    }

    @Transactional
    void disable(Caller caller, String userId) {
        requireAdmin(caller);
        User user = users.find(userId).filter(u -> u.organizationId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("user", userId));
        if (user.id().equals(caller.actorId())) {
            throw ApiException.unprocessable("You cannot disable yourself; ask another admin.");
        }
        users.setStatus(user.id(), UserStatus.DISABLED);
        audit.record(user.organizationId(), "user.disabled", user.id(), user.email());
    }

    @Transactional
    void enable(Caller caller, String userId) {
        requireAdmin(caller);
        User user = users.find(userId).filter(u -> u.organizationId().equals(caller.organizationId()))
                .filter(u -> u.status() == UserStatus.DISABLED)
                .orElseThrow(() -> ApiException.notFound("disabled user", userId));
        users.setStatus(user.id(), UserStatus.ACTIVE);
        audit.record(user.organizationId(), "user.enabled", user.id(), user.email());
    }

    /** Changes the caller's own password; empty on success, else the reason. */
    @Transactional
    Optional<String> changePassword(Caller caller, String current, String next, String confirmation) {
        UserRepository.Credentials credentials = users.credentials(caller.label()).orElseThrow();
        if (current == null || credentials.passwordHash() == null || !passwords.matches(current, credentials.passwordHash())) {
            return Optional.of("Your current password is not right. Type it again.");
        }
        Optional<String> weak = policy.problem(next, confirmation, caller.label());
        if (weak.isPresent()) {
            return weak;
        }
        users.setPassword(caller.actorId(), passwords.encode(next));
        audit.record(caller.organizationId(), "password.changed", caller.actorId(), null);
        return Optional.empty();
    }

    private static void requireAdmin(Caller caller) {
        if (caller.role() == null || !caller.role().isAdmin()) {
            throw ApiException.forbidden("Only an admin of your organization can manage its team.");
        }
    }
}
