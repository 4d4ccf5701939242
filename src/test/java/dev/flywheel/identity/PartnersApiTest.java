package dev.flywheel.identity;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class PartnersApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private Api.Response createPartner(String name, String adminEmail) {
        return owner().post("/api/v1/partners",
                "{\"name\":\"" + name + "\",\"type\":\"technology\",\"domain\":\"https://www.Acme.com/\",\"admin_email\":\"" + adminEmail + "\"}");
    }

    @Test
    void createsAPartnerAndEmailsItsAdminAnInvitation() throws Exception {
        String admin = uniqueEmail("partner-admin");
        Api.Response r = createPartner("Acme Integrations", admin);

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.text("id")).startsWith("prt_");
        assertThat(r.text("type")).isEqualTo("technology");
        assertThat(r.text("domain")).isEqualTo("acme.com");
        assertThat(r.json().get("users").get(0).get("status").asString()).isEqualTo("invited");

        MimeMessage invitation = awaitMailTo(admin);
        assertThat(invitation.getSubject()).contains("invited").contains("Acme Integrations");
        assertThat(linkIn(invitation)).startsWith(baseUrl() + "/invitations/");
    }

    @Test
    void refusesASecondAccountForTheSameEmail() {
        String admin = uniqueEmail("dup");
        assertThat(createPartner(unique("One"), admin).status()).isEqualTo(201);
        Api.Response second = createPartner(unique("Two"), admin.toUpperCase());
        assertProblem(second, 409, "/problems/conflict");
        assertThat(second.text("detail")).contains("already exists");
    }

    @Test
    void aPartnerKeyActsOnlyWithinThatPartner() {
        String mine = createPartner(unique("Mine"), uniqueEmail("mine")).text("id");
        String theirs = createPartner(unique("Theirs"), uniqueEmail("theirs")).text("id");
        Api.Response issued = owner().post("/api/v1/partners/" + mine + "/api-keys", "{\"name\":\"ci\"}");
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.text("key");
        assertThat(key).startsWith("fw_live_").hasSizeGreaterThanOrEqualTo(8 + 22);

        Api partner = api().as(key);
        assertThat(partner.get("/api/v1/partners/" + mine).status()).isEqualTo(200);
        assertProblem(partner.get("/api/v1/partners/" + theirs), 404, "/problems/not-found");
        Api.Response list = partner.get("/api/v1/partners");
        assertThat(list.json().get("data").size()).isEqualTo(1);
        assertThat(list.json().get("data").get(0).get("id").asString()).isEqualTo(mine);
        assertProblem(partner.post("/api/v1/partners", "{\"name\":\"X\",\"type\":\"referral\",\"admin_email\":\"x@example.org\"}"),
                403, "/problems/forbidden");
        assertProblem(partner.put("/api/v1/accounts/cus_1", "{\"name\":\"X\"}"), 403, "/problems/forbidden");
        assertProblem(partner.post("/api/v1/partners/" + theirs + "/api-keys", "{}"), 403, "/problems/forbidden");
    }

    @Test
    void keysAreShownOnceAndStopWorkingWhenRevoked() {
        String id = createPartner(unique("Revoke"), uniqueEmail("revoke")).text("id");
        Api.Response issued = owner().post("/api/v1/partners/" + id + "/api-keys", "{}");
        String key = issued.text("key");
        Api.Response listed = owner().get("/api/v1/partners/" + id + "/api-keys");
        assertThat(listed.body()).doesNotContain(key).contains(issued.text("display_prefix"));

        assertThat(api().as(key).get("/api/v1/partners/" + id).status()).isEqualTo(200);
        assertThat(owner().delete("/api/v1/partners/" + id + "/api-keys/" + issued.text("id")).status()).isEqualTo(200);
        Api.Response refused = api().as(key).get("/api/v1/partners/" + id);
        assertProblem(refused, 401, "/problems/unauthenticated");
        assertThat(refused.text("detail")).contains("revoked");
    }

    @Test
    void aTestModeKeyCannotMintLiveKeys() {
        String id = createPartner(unique("Modes"), uniqueEmail("modes")).text("id");
        String testOwnerKey = owner().post("/api/v1/api-keys", "{\"name\":\"sandbox\",\"mode\":\"test\"}").text("key");
        assertThat(testOwnerKey).startsWith("fw_test_");
        Api.Response refused = api().as(testOwnerKey).post("/api/v1/partners/" + id + "/api-keys", "{\"mode\":\"live\"}");
        assertProblem(refused, 403, "/problems/forbidden");
        Api.Response test = api().as(testOwnerKey).post("/api/v1/partners/" + id + "/api-keys", "{}");
        assertThat(test.text("key")).startsWith("fw_test_");
    }

    @Test
    void listsPartnersNewestFirstWithCursorPaging() {
        String prefix = unique("Paging");
        for (int i = 0; i < 3; i++) {
            createPartner(prefix + "-" + i, uniqueEmail("p" + i));
        }
        Api.Response page1 = owner().get("/api/v1/partners?limit=2&q=" + prefix);
        assertThat(page1.json().get("data").size()).isEqualTo(2);
        assertThat(page1.json().get("has_more").asBoolean()).isTrue();
        assertThat(page1.json().get("data").get(0).get("name").asString()).isEqualTo(prefix + "-2");
        Api.Response page2 = owner().get("/api/v1/partners?limit=2&q=" + prefix + "&starting_after=" + page1.text("next_starting_after"));
        assertThat(page2.json().get("data").size()).isEqualTo(1);
        assertThat(page2.json().get("has_more").asBoolean()).isFalse();
        assertThat(page2.json().get("data").get(0).get("name").asString()).isEqualTo(prefix + "-0");
    }
}
