package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.support.Api;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A customer account (created through the accounts API, with departments) and an active admin
 * who can sign in. There is no API to add customer users yet, so the user row is written directly.
 */
record CustomerFixture(String accountId, String email, String password) {

    static CustomerFixture create(Api owner, JdbcClient jdbc, PasswordEncoder passwords, String role) {
        String external = "cus-" + UUID.randomUUID();
        Api.Response account = owner.put("/api/v1/accounts/" + external,
                "{\"name\":\"Customer " + external.substring(4, 12) + "\",\"attributes\":{\"departments\":[\"Sales\",\"Support\",\"Finance\"]}}");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        String password = "customer-password-123";
        jdbc.sql("""
                insert into users (id, organization_id, email, name, role, status, password_hash, failed_logins, created_at)
                values (:id, :org, :email, 'Customer Admin', :role, 'ACTIVE', :hash, 0, :at)""")
                .param("id", Ids.next("usr")).param("org", account.text("id")).param("email", email).param("role", role)
                .param("hash", passwords.encode(password)).param("at", Sql.at(Instant.now())).update();
        return new CustomerFixture(account.text("id"), email, password);
    }
}
