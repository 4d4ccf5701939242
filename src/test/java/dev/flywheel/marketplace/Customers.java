package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Role;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.support.Api;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A customer account (through the accounts API) with one active user who can sign in. There is
 * no API to add customer users yet, so the user row is written directly.
 */
record Customers(String accountId, String userId, String email, String password, Role role) {

    static Customers create(Api owner, JdbcClient jdbc, PasswordEncoder passwords, Role role, String segment) {
        String external = "mkt-" + UUID.randomUUID();
        Api.Response account = owner.put("/api/v1/accounts/" + external,
                "{\"name\":\"Customer " + external.substring(4, 12) + "\"" + (segment == null ? "" : ",\"segment\":\"" + segment + "\"") + "}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String password = "customer-password-123";
        String userId = Ids.next("usr");
        jdbc.sql("""
                insert into users (id, organization_id, email, name, role, status, password_hash, failed_logins, created_at)
                values (:id, :org, :email, 'Customer Admin', :role, 'ACTIVE', :hash, 0, :at)""")
                .param("id", userId).param("org", account.text("id")).param("email", email).param("role", role.name())
                .param("hash", passwords.encode(password)).param("at", Sql.at(Instant.now())).update();
        return new Customers(account.text("id"), userId, email, password, role);
    }

    /** An active user of an existing organization (e.g. a partner's admin) who can sign in; returns the email. */
    static String user(JdbcClient jdbc, PasswordEncoder passwords, String organizationId, Role role, String password) {
        String email = role.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        jdbc.sql("""
                insert into users (id, organization_id, email, name, role, status, password_hash, failed_logins, created_at)
                values (:id, :org, :email, 'Test User', :role, 'ACTIVE', :hash, 0, :at)""")
                .param("id", Ids.next("usr")).param("org", organizationId).param("email", email).param("role", role.name())
                .param("hash", passwords.encode(password)).param("at", Sql.at(Instant.now())).update();
        return email;
    }

    /** The same person as a {@link Caller}, for calling services directly. */
    Caller caller() {
        return new Caller(userId, accountId, OrganizationKind.CUSTOMER, role, Mode.LIVE, email);
    }
}
