package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Builders for the partner program's integration tests: each call makes uniquely named data. */
final class PartnerFixtures {

    record Partner(String id, String key, String domain) {
    }

    private PartnerFixtures() {
    }

    static Partner partner(Api owner, String type) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = "p" + tag + ".example";
        Api.Response created = owner.post("/api/v1/partners", "{\"name\":\"Partner " + tag + "\",\"type\":\"" + type + "\",\"domain\":\""
                + domain + "\",\"admin_email\":\"admin-" + tag + "@example.org\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        Api.Response key = owner.post("/api/v1/partners/" + id + "/api-keys", "{\"name\":\"test\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return new Partner(id, key.text("key"), domain);
    }

    static String prospectDomain() {
        return "prospect-" + UUID.randomUUID().toString().substring(0, 8) + ".com";
    }

    static String registration(String domain, long amount, String currency) {
        return "{\"company\":\"Acme " + domain + "\",\"domain\":\"" + domain + "\",\"contact_email\":\"cto@" + domain.replaceFirst("^https?://(www\\.)?", "")
                .replaceAll("/.*", "") + "\",\"estimated_value\":{\"amount\":" + amount + ",\"currency\":\"" + currency + "\"},\"expected_close\":\""
                + LocalDate.now(ZoneOffset.UTC).plusMonths(2) + "\"}";
    }
}
