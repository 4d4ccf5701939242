package dev.flywheel.mapping;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@Tag("database")
class MappingApiTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    String partnerId;
    String partnerKey;
    String tag;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private Api partner() {
        return api().as(partnerKey);
    }

    @BeforeEach
    void aPartnerWithAKey() {
        Api.Response p = owner().post("/api/v1/partners",
                "{\"name\":\"Mapping Partner\",\"type\":\"solution\",\"admin_email\":\"" + uniqueEmail("map") + "\"}");
        partnerId = p.text("id");
        partnerKey = owner().post("/api/v1/partners/" + partnerId + "/api-keys", "{\"name\":\"mapping\"}").text("key");
        tag = unique("d");
    }

    /** Records for domains n0..n(count-1) of this test, with a secret field. */
    private String records(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add("{\"name\":\"Company " + i + "\",\"domain\":\"https://www.c" + i + "-" + tag + ".com/\",\"stage\":\"s" + i
                    + "\",\"secret_note\":\"note " + i + "\"}");
        }
        return "[" + String.join(",", out) + "]";
    }

    private String createOwner(String name, String kind, String policy, String records) {
        Api.Response r = owner().post("/api/v1/mapping/populations", "{\"partner_id\":\"" + partnerId + "\",\"name\":\"" + name
                + "\",\"kind\":\"" + kind + "\",\"policy\":\"" + policy + "\",\"shared_fields\":[\"name\"],\"records\":" + records + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private String createPartner(String name, String kind, String policy, String records) {
        Api.Response r = partner().post("/api/v1/mapping/populations", "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\",\"policy\":\""
                + policy + "\",\"shared_fields\":[\"stage\"],\"records\":" + records + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static long cell(Api.Response matrix, String ownerPop, String partnerPop) {
        for (JsonNode c : matrix.json().get("cells")) {
            if (c.get("owner_population_id").asString().equals(ownerPop) && c.get("partner_population_id").asString().equals(partnerPop)) {
                return c.get("overlap").asLong();
            }
        }
        return -1;
    }

    @Test
    void bothSidesSeeTheSameOverlapAndTheCoSellFlag() {
        String ownerProspects = createOwner("Our prospects", "prospects", "counts", records(0, 30));
        String ownerCustomers = createOwner("Our customers", "customers", "counts", records(100, 10));
        // Partner customers: c20..c39 (overlap 10 with prospects c0..c29: 50% of 20 -> co-sell) and c100..c104 (5 mutual customers).
        String partnerCustomers = createPartner("Their customers", "customers", "counts", records(20, 20).replace("]", ",") + records(100, 5).substring(1));

        Api.Response fromOwner = owner().get("/api/v1/mapping/overlaps?partner_id=" + partnerId);
        Api.Response fromPartner = partner().get("/api/v1/mapping/overlaps");
        assertThat(fromOwner.status()).as(fromOwner.body()).isEqualTo(200);
        assertThat(cell(fromOwner, ownerProspects, partnerCustomers)).isEqualTo(10);
        assertThat(cell(fromPartner, ownerProspects, partnerCustomers)).isEqualTo(10);
        assertThat(cell(fromOwner, ownerCustomers, partnerCustomers)).isEqualTo(5);
        assertThat(cell(fromPartner, ownerCustomers, partnerCustomers)).isEqualTo(5);
        assertThat(fromOwner.json().get("mutual_customers").asLong()).isEqualTo(5);
        assertThat(fromPartner.text("mutual_customers_text")).isEqualTo("5 mutual customers");
        for (JsonNode c : fromOwner.json().get("cells")) {
            boolean expected = c.get("owner_population_id").asString().equals(ownerProspects);   // 10/25 = 40%; 5/25 = 20% also
            assertThat(c.get("co_sell_priority").asBoolean()).isEqualTo(expected || c.get("overlap").asLong() * 5 >= 25);
        }

        // Recomputed on each load: the partner reloads a smaller customer list.
        Api.Response reloaded = partner().put("/api/v1/mapping/populations/" + partnerCustomers + "/records", "{\"records\":" + records(0, 2) + "}");
        assertThat(reloaded.json().get("records").asLong()).isEqualTo(2);
        assertThat(cell(owner().get("/api/v1/mapping/overlaps?partner_id=" + partnerId), ownerProspects, partnerCustomers)).isEqualTo(2);
        assertThat(cell(partner().get("/api/v1/mapping/overlaps"), ownerProspects, partnerCustomers)).isEqualTo(2);
    }

    @Test
    void loadsOnBothSidesAtOnceCountEachOthersRecords() throws Exception {
        String ownerPop = createOwner("Concurrent owner", "prospects", "counts", records(0, 1));
        String partnerPop = createPartner("Concurrent partner", "customers", "counts", records(5000, 1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 6; round++) {
                // Each round uses fresh domains: 300 each side, 120 shared. A load that counted against the
                // other side's previous list would see 0 shared.
                int base = round * 1000;
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Api.Response> o = pool.submit(() -> {
                    together.await();
                    return owner().put("/api/v1/mapping/populations/" + ownerPop + "/records", "{\"records\":" + records(base, 300) + "}");
                });
                Future<Api.Response> q = pool.submit(() -> {
                    together.await();
                    return partner().put("/api/v1/mapping/populations/" + partnerPop + "/records", "{\"records\":" + records(base + 180, 300) + "}");
                });
                assertThat(o.get().status()).as(o.get().body()).isEqualTo(200);
                assertThat(q.get().status()).as(q.get().body()).isEqualTo(200);
                assertThat(cell(owner().get("/api/v1/mapping/overlaps?partner_id=" + partnerId), ownerPop, partnerPop)).as("round " + round).isEqualTo(120);
                assertThat(cell(partner().get("/api/v1/mapping/overlaps"), ownerPop, partnerPop)).as("round " + round).isEqualTo(120);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void matchingUsesNormalisedDomainsAndEmailDomainsButNotFreeMail() {
        String ownerPop = createOwner("Domains", "customers", "counts",
                "[{\"domain\":\"WWW.Alpha-" + tag + ".com\"},{\"email\":\"jo@beta-" + tag + ".com\"},{\"email\":\"x@gmail.com\"},{\"name\":\"no key\"}]");
        String partnerPop = createPartner("Emails", "customers", "counts",
                "[{\"email\":\"ceo@alpha-" + tag + ".com\"},{\"domain\":\"http://beta-" + tag + ".com/about\"},{\"email\":\"y@gmail.com\"}]");
        assertThat(cell(owner().get("/api/v1/mapping/overlaps?partner_id=" + partnerId), ownerPop, partnerPop)).isEqualTo(2);
        Api.Response mine = owner().get("/api/v1/mapping/populations?partner_id=" + partnerId);
        JsonNode own = null;
        for (JsonNode p : mine.json().get("data")) {
            if (p.get("id").asString().equals(ownerPop)) {
                own = p;
            }
        }
        assertThat(own.get("records").asLong()).isEqualTo(2);
        assertThat(own.get("skipped").asLong()).isEqualTo(2);
    }

    @Test
    void policiesHoldFromBothSides() {
        String ownerHidden = createOwner("Owner hidden", "opportunities", "hidden", records(0, 5));
        String ownerCounts = createOwner("Owner counts", "customers", "counts", records(0, 5));
        String ownerOverlaps = createOwner("Owner overlaps", "prospects", "overlaps", records(0, 5));
        String partnerCounts = createPartner("Partner counts", "customers", "counts", records(3, 5));
        String partnerOverlaps = createPartner("Partner overlaps", "prospects", "overlaps", records(3, 5));
        String partnerEverything = createPartner("Partner everything", "custom", "everything", records(3, 5));

        // Hidden: the partner neither lists it, nor gets counts for it, nor can open it.
        Api.Response partnerList = partner().get("/api/v1/mapping/populations");
        assertThat(partnerList.body()).doesNotContain(ownerHidden).doesNotContain("Owner hidden");
        assertThat(partner().get("/api/v1/mapping/overlaps").body()).doesNotContain(ownerHidden);
        assertProblem(partner().get("/api/v1/mapping/populations/" + ownerHidden + "/accounts?against=" + partnerOverlaps), 404, "/problems/not-found");

        // Counts only, both ways: no accounts, and no filtering own accounts against it either.
        assertProblem(partner().get("/api/v1/mapping/populations/" + ownerCounts + "/accounts?against=" + partnerCounts), 403, "/problems/forbidden");
        assertProblem(owner().get("/api/v1/mapping/populations/" + partnerCounts + "/accounts?against=" + ownerCounts), 403, "/problems/forbidden");
        assertProblem(owner().get("/api/v1/mapping/populations/" + ownerCounts + "/accounts?against=" + partnerCounts), 403, "/problems/forbidden");
        assertProblem(partner().get("/api/v1/mapping/populations/" + partnerCounts + "/accounts?against=" + ownerCounts), 403, "/problems/forbidden");

        // Overlaps: only overlapping accounts (c3, c4), only the chosen fields.
        assertProblem(owner().get("/api/v1/mapping/populations/" + partnerOverlaps + "/accounts"), 400, "/problems/validation");
        Api.Response theirs = owner().get("/api/v1/mapping/populations/" + partnerOverlaps + "/accounts?against=" + ownerCounts);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(200);
        assertThat(theirs.json().get("data")).hasSize(2);
        for (JsonNode a : theirs.json().get("data")) {
            assertThat(a.get("fields").propertyNames()).containsExactly("stage");
        }
        assertThat(values(theirs, "stage")).containsExactlyInAnyOrder("s3", "s4");
        assertThat(theirs.body()).doesNotContain("note").doesNotContain(tag);
        Api.Response ours = partner().get("/api/v1/mapping/populations/" + ownerOverlaps + "/accounts?against=" + partnerCounts);
        assertThat(ours.json().get("data")).hasSize(2);
        assertThat(values(ours, "name")).containsExactlyInAnyOrder("Company 3", "Company 4");
        assertThat(values(ours, "stage")).isEmpty();
        assertThat(ours.body()).doesNotContain("note").doesNotContain(tag);

        // Everything: every account and field.
        Api.Response all = owner().get("/api/v1/mapping/populations/" + partnerEverything + "/accounts");
        assertThat(all.json().get("data")).hasSize(5);
        assertThat(all.body()).contains("note 7", "c7-" + tag);

        // Only the side that loaded a list may change it.
        assertProblem(owner().put("/api/v1/mapping/populations/" + partnerEverything + "/policy", "{\"policy\":\"hidden\"}"), 403, "/problems/forbidden");
        assertThat(partner().put("/api/v1/mapping/populations/" + partnerEverything + "/policy", "{\"policy\":\"hidden\"}").status()).isEqualTo(200);
        assertProblem(owner().get("/api/v1/mapping/populations/" + partnerEverything + "/accounts"), 404, "/problems/not-found");
    }

    private static List<String> values(Api.Response page, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : page.json().get("data")) {
            if (a.get("fields").has(field)) {
                out.add(a.get("fields").get(field).asString());
            }
        }
        return out;
    }

    @Test
    void anotherPartnerSeesNothingOfThisPartnership() {
        String ownerPop = createOwner("Owner everything", "customers", "everything", records(0, 3));
        String partnerPop = createPartner("Partner everything", "customers", "everything", records(0, 3));
        Api.Response other = owner().post("/api/v1/partners",
                "{\"name\":\"Other Partner\",\"type\":\"referral\",\"admin_email\":\"" + uniqueEmail("other") + "\"}");
        String otherKey = owner().post("/api/v1/partners/" + other.text("id") + "/api-keys", "{\"name\":\"k\"}").text("key");
        assertProblem(api().as(otherKey).get("/api/v1/mapping/populations/" + ownerPop + "/accounts"), 404, "/problems/not-found");
        assertProblem(api().as(otherKey).get("/api/v1/mapping/populations/" + partnerPop + "/accounts"), 404, "/problems/not-found");
        assertProblem(api().as(otherKey).get("/api/v1/mapping/overlaps?partner_id=" + partnerId), 404, "/problems/not-found");
        assertThat(api().as(otherKey).get("/api/v1/mapping/populations").body()).doesNotContain(ownerPop).doesNotContain(partnerPop);
    }

    @Test
    void identifiersAreStoredOnlyAsKeyedHashesAndFieldsSealed() {
        String ownerPop = createOwner("Stored", "customers", "counts", records(0, 2));
        List<String> stored = jdbc.sql("select account_hmac || ' ' || sealed_fields from mapping_records where population_id = :p")
                .param("p", ownerPop).query(String.class).list();
        assertThat(stored).hasSize(2);
        assertThat(String.join("\n", stored)).doesNotContain(tag).doesNotContain("Company").doesNotContain("note");
        String domain = "c0-" + tag + ".com";
        assertThat(stored.get(0)).doesNotContain(dev.flywheel.platform.Secrets.sha256Hex(domain));
        String wrapped = jdbc.sql("select wrapped_key from mapping_partnerships where partner_id = :p").param("p", partnerId).query(String.class).single();
        assertThat(wrapped).hasSizeGreaterThan(40);

        // The same domain under another partnership hashes differently: lists cannot be joined across partnerships.
        Api.Response other = owner().post("/api/v1/partners",
                "{\"name\":\"Second Partner\",\"type\":\"referral\",\"admin_email\":\"" + uniqueEmail("second") + "\"}");
        String otherPop = owner().post("/api/v1/mapping/populations", "{\"partner_id\":\"" + other.text("id")
                + "\",\"name\":\"Same list\",\"kind\":\"customers\",\"policy\":\"counts\",\"records\":" + records(0, 2) + "}").text("id");
        long shared = jdbc.sql("select count(*) from mapping_records a join mapping_records b on a.account_hmac = b.account_hmac "
                + "where a.population_id = :a and b.population_id = :b").param("a", ownerPop).param("b", otherPop).query(Long.class).single();
        assertThat(shared).isZero();
    }

    @Test
    void csvLoadsAndCustomersCannotMap() {
        String ownerPop = createOwner("CSV", "customers", "counts", "[]");
        Api.Response r = owner().send(HttpRequest.newBuilder(URI.create(owner().base() + "/api/v1/mapping/populations/" + ownerPop + "/records"))
                .header("Content-Type", "text/csv")
                .PUT(HttpRequest.BodyPublishers.ofString("name,domain\n\"Acme, Inc\",acme-" + tag + ".com\nBeta,beta-" + tag + ".com\n")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("records").asLong()).isEqualTo(2);
        assertProblem(owner().post("/api/v1/mapping/populations", "{\"name\":\"x\",\"kind\":\"customers\",\"policy\":\"counts\"}"), 400, "/problems/validation");
    }

    @Test
    void erasingAPersonKeepsOverlapCounts() {
        String email = "ceo-" + tag + "@gamma-" + tag + ".com";
        String ownerPop = createOwner("Contacts", "customers", "everything", "[{\"email\":\"" + email + "\",\"contact\":\"" + email + "\",\"name\":\"Gamma\"}]");
        String partnerPop = createPartner("Theirs", "customers", "counts", "[{\"domain\":\"gamma-" + tag + ".com\"}]");
        assertThat(owner().post("/api/v1/mapping/privacy/export", "{\"email\":\"" + email + "\"}").json().get("records")).hasSize(1);
        assertThat(owner().post("/api/v1/mapping/privacy/erase", "{\"email\":\"" + email + "\"}").json().get("records").asInt()).isEqualTo(1);
        assertThat(owner().post("/api/v1/mapping/privacy/export", "{\"email\":\"" + email + "\"}").json().get("records")).isEmpty();
        assertThat(cell(owner().get("/api/v1/mapping/overlaps?partner_id=" + partnerId), ownerPop, partnerPop)).isEqualTo(1);
        Api.Response seen = partner().get("/api/v1/mapping/populations/" + ownerPop + "/accounts");
        assertThat(seen.body()).contains("Gamma").doesNotContain(email);
        assertProblem(partner().post("/api/v1/mapping/privacy/erase", "{\"email\":\"" + email + "\"}"), 403, "/problems/forbidden");
    }
}
