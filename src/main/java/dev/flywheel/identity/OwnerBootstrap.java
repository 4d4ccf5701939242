package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Secrets;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start of an installation, creates the owner organization and its first admin
 * (printing a generated password once, clearly); on every start, adopts
 * {@code FLYWHEEL_BOOTSTRAP_API_KEY} if it is set and not stored yet. A revoked bootstrap key
 * stays revoked: it exists, so it is not adopted again.
 */
@Component
@Order(10)
class OwnerBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OwnerBootstrap.class);

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final PasswordEncoder passwords;
    private final OwnerProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OwnerBootstrap(OrganizationRepository organizations, UserRepository users, ApiKeys keys, AuditLog audit,
            PasswordEncoder passwords, OwnerProperties properties, TransactionTemplate transactions, Clock clock) {
        this.organizations = organizations;
        this.users = users;
        this.keys = keys;
        this.audit = audit;
        this.passwords = passwords;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(status -> {
            if (organizations.owner().isEmpty()) {
                createOwner();
            }
            adoptBootstrapKey();
        });
    }

    private void createOwner() {
        Instant now = clock.instant();
        Organization owner = new Organization(Ids.next("org"), OrganizationKind.OWNER, properties.name(), null, null, null,
                Mode.LIVE, null, null, null, now, now);
        organizations.insert(owner);
        boolean generated = properties.adminPassword() == null || properties.adminPassword().isBlank();
        String password = generated ? Secrets.randomBase62(20) : properties.adminPassword();
        String email = UserRepository.normalizeEmail(properties.adminEmail());
        User admin = new User(Ids.next("usr"), owner.id(), email, "Owner admin", Role.OWNER_ADMIN, UserStatus.ACTIVE, now, null);
        users.insert(admin, passwords.encode(password));
        audit.recordAs("system", owner.id(), "owner.created", admin.id(), "first start: owner organization and admin " + email);
        String shown = generated ? password + "   (generated; shown only this once)" : "(as set in FLYWHEEL_ADMIN_PASSWORD)";
        log.warn("""

                ==================================================================
                  Flywheel is set up. Sign in to the console as the owner admin:
                    email:    {}
                    password: {}
                  Change the password after signing in (Account).
                ==================================================================""", email, shown);
    }

    private void adoptBootstrapKey() {
        String secret = properties.bootstrapApiKey();
        if (secret == null || secret.isBlank()) {
            return;
        }
        Organization owner = organizations.owner().orElseThrow();
        keys.adopt(owner.id(), secret.trim(), "Bootstrap key (FLYWHEEL_BOOTSTRAP_API_KEY)")
                .ifPresent(issued -> log.info("Created the owner API key {}… from FLYWHEEL_BOOTSTRAP_API_KEY.", issued.key().displayPrefix()));
    }
}
