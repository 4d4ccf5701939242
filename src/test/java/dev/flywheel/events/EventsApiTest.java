package dev.flywheel.events;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@Tag("database")
class EventsApiTest extends IntegrationTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** A fresh type, so tests never share catalog state: {@code amount} integer required, {@code currency} 3 letters. */
    private String newType() {
        String name = "deal" + unique("t").replace("-", "") + ".closed_won";
        Api.Response r = owner().post("/api/v1/event-types", """
                {"name":"%s","description":"A deal was won","schema":{"type":"object","properties":{
                  "amount":{"type":"integer","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["amount"]},
                 "example":{"amount":100,"currency":"USD"}}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return name;
    }

    @Test
    void acceptsAnEventWith202AndItsId() {
        String type = newType();
        Api.Response r = owner().post("/api/v1/events", """
                {"type":"%s","account":"cus_1","user":"u_1","source":"crm","outcome":"won","data":{"amount":1200,"currency":"EUR"}}""".formatted(type));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.text("id")).startsWith("evt_");

        Api.Response stored = owner().get("/api/v1/events/" + r.text("id"));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.text("type")).isEqualTo(type);
        assertThat(stored.text("account")).isEqualTo("cus_1");
        assertThat(stored.text("source")).isEqualTo("crm");
        assertThat(stored.text("outcome")).isEqualTo("won");
        assertThat(stored.json().get("data").get("amount").asInt()).isEqualTo(1200);
        assertThat(stored.json().get("schema_version").asInt()).isEqualTo(1);
    }

    @Test
    void theSameIdTwiceIsStoredOnce() {
        String type = newType();
        String body = """
                {"id":"%s","type":"%s","account":"cus_2","data":{"amount":1}}""".formatted(unique("ord"), type);
        Api.Response first = owner().post("/api/v1/events", body);
        Api.Response second = owner().post("/api/v1/events", body);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(second.text("status")).isEqualTo("duplicate");
        assertThat(owner().get("/api/v1/events?type=" + type).json().get("data").size()).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyTwiceIsStoredOnce() {
        String type = newType();
        String key = unique("idem");
        Api keyed = owner().header("Idempotency-Key", key);
        String body = """
                {"type":"%s","account":"cus_3","data":{"amount":5}}""".formatted(type);
        Api.Response first = keyed.post("/api/v1/events", body);
        Api.Response second = keyed.post("/api/v1/events", body);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(owner().get("/api/v1/events?type=" + type).json().get("data").size()).isEqualTo(1);
    }

    @Test
    void refusesAPayloadThatBreaksTheSchemaListingEachViolation() {
        String type = newType();
        Api.Response r = owner().post("/api/v1/events", """
                {"type":"%s","account":"cus_4","data":{"amount":"lots","currency":"euro"}}""".formatted(type));
        assertProblem(r, 422, "/problems/event-schema-violation");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("data.amount", "data.currency");
        assertThat(owner().get("/api/v1/events?type=" + type).json().get("data").size()).isZero();

        Api.Response missing = owner().post("/api/v1/events", """
                {"type":"%s","account":"cus_4","data":{}}""".formatted(type));
        assertProblem(missing, 422, "/problems/event-schema-violation");
        assertThat(missing.json().get("errors").get(0).get("message").asString()).contains("amount");
    }

    @Test
    void refusesUnknownTypesAndMissingFields() {
        Api.Response unknown = owner().post("/api/v1/events", """
                {"type":"no.such_type","account":"cus_5","data":{}}""");
        assertProblem(unknown, 400, "/problems/validation");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("type");

        Api.Response noAccount = owner().post("/api/v1/events", """
                {"type":"user.created","data":{}}""");
        assertProblem(noAccount, 400, "/problems/validation");
    }

    @Test
    void acceptsABatchAllOrNothing() {
        String type = newType();
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            events.append(i == 0 ? "" : ",").append("""
                    {"id":"b-%s-%d","type":"%s","account":"cus_b","data":{"amount":%d}}""".formatted(type, i, type, i));
        }
        Api.Response r = owner().post("/api/v1/events/batch", "{\"events\":[" + events + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode data = r.json().get("data");
        assertThat(data.size()).isEqualTo(250);
        assertThat(data.get(0).get("id").asString()).startsWith("evt_");
        assertThat(data.get(0).get("status").asString()).isEqualTo("accepted");

        Api.Response again = owner().post("/api/v1/events/batch", "{\"events\":[" + events + "]}");
        assertThat(again.json().get("data").get(249).get("status").asString()).isEqualTo("duplicate");
        assertThat(again.json().get("data").get(249).get("id").asString()).isEqualTo(data.get(249).get("id").asString());

        Api.Response bad = owner().post("/api/v1/events/batch", """
                {"events":[{"type":"%s","account":"cus_b","data":{"amount":1}},{"type":"%s","account":"cus_b","data":{"amount":-1}}]}"""
                .formatted(type, type));
        assertProblem(bad, 422, "/problems/event-schema-violation");
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("events[1].data.amount");
    }

    @Test
    void refusesBatchesOverOneThousandEvents() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            events.append(i == 0 ? "" : ",").append("{\"type\":\"user.created\",\"account\":\"c\",\"data\":{}}");
        }
        Api.Response r = owner().post("/api/v1/events/batch", "{\"events\":[" + events + "]}");
        assertProblem(r, 400, "/problems/validation");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("events");
    }

    @Test
    void pullApiFiltersAndPagesNewestFirst() {
        String type = newType();
        String account = unique("acct");
        for (int i = 0; i < 5; i++) {
            owner().post("/api/v1/events", """
                    {"type":"%s","account":"%s","outcome":"%s","data":{"amount":%d}}""".formatted(type, account, i % 2 == 0 ? "even" : "odd", i));
        }
        Api.Response page1 = owner().get("/api/v1/events?limit=2&account=" + account);
        assertThat(page1.json().get("data").size()).isEqualTo(2);
        assertThat(page1.json().get("has_more").asBoolean()).isTrue();
        assertThat(page1.json().get("data").get(0).get("data").get("amount").asInt()).isEqualTo(4);
        Api.Response page2 = owner().get("/api/v1/events?limit=2&account=" + account + "&starting_after=" + page1.text("next_starting_after"));
        assertThat(page2.json().get("data").get(0).get("data").get("amount").asInt()).isEqualTo(2);
        assertThat(owner().get("/api/v1/events?account=" + account + "&outcome=even").json().get("data").size()).isEqualTo(3);
        assertThat(owner().get("/api/v1/events?account=" + account + "&since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z")
                .json().get("data").size()).isZero();
    }

    @Test
    void testModeKeysSeeOnlyTestModeEvents() {
        String type = newType();
        String testKey = owner().post("/api/v1/api-keys", "{\"name\":\"sandbox\",\"mode\":\"test\"}").text("key");
        Api.Response live = owner().post("/api/v1/events", """
                {"type":"%s","account":"cus_m","data":{"amount":1}}""".formatted(type));
        Api.Response test = api().as(testKey).post("/api/v1/events", """
                {"type":"%s","account":"cus_m","data":{"amount":2}}""".formatted(type));
        assertThat(test.status()).isEqualTo(202);
        assertThat(api().as(testKey).get("/api/v1/events?type=" + type).json().get("data").size()).isEqualTo(1);
        assertProblem(api().as(testKey).get("/api/v1/events/" + live.text("id")), 404, "/problems/not-found");
    }

    @Test
    void publishesVersionsAndFlagsBreakingChanges() {
        String type = newType();
        Api.Response same = owner().post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object","properties":{
                  "amount":{"type":"integer","minimum":0},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["amount"]}}""".formatted(type));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("version").asInt()).isEqualTo(1);

        Api.Response additive = owner().post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object","properties":{
                  "amount":{"type":"integer","minimum":0},"currency":{"type":"string"},"note":{"type":"string"}},"required":["amount"]}}""".formatted(type));
        assertThat(additive.status()).isEqualTo(201);
        assertThat(additive.json().get("version").asInt()).isEqualTo(2);
        assertThat(additive.json().get("breaking").asBoolean()).isFalse();

        Api.Response breaking = owner().post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object","properties":{"amount":{"type":"string"}},"required":["amount"]}}""".formatted(type));
        assertThat(breaking.status()).isEqualTo(201);
        assertThat(breaking.json().get("version").asInt()).isEqualTo(3);
        assertThat(breaking.json().get("breaking").asBoolean()).isTrue();
        List<String> changes = new ArrayList<>();
        breaking.json().get("breaking_changes").forEach(c -> changes.add(c.get("path").asString() + ":" + c.get("kind").asString()));
        assertThat(changes).containsExactlyInAnyOrder("amount:retyped", "currency:removed", "note:removed");

        Api.Response versions = owner().get("/api/v1/event-types/" + type + "/versions");
        assertThat(versions.json().size()).isEqualTo(3);
        assertThat(owner().post("/api/v1/events", """
                {"type":"%s","account":"c","data":{"amount":"now a string"}}""".formatted(type)).status()).isEqualTo(202);
    }

    @Test
    void refusesAnInvalidSchemaOrAnExampleThatBreaksIt() {
        Api.Response invalid = owner().post("/api/v1/event-types", """
                {"name":"bad.schema_one","schema":{"type":"no-such-type"}}""");
        assertProblem(invalid, 400, "/problems/validation");
        Api.Response badExample = owner().post("/api/v1/event-types", """
                {"name":"bad.example_one","schema":{"type":"object","required":["x"]},"example":{}}""");
        assertProblem(badExample, 400, "/problems/validation");
        assertThat(badExample.json().get("errors").get(0).get("field").asString()).startsWith("example");
        Api.Response badName = owner().post("/api/v1/event-types", """
                {"name":"Not A Name","schema":{"type":"object"}}""");
        assertProblem(badName, 400, "/problems/validation");
    }

    @Test
    void catalogHasBuiltInTypesSamplesAndAnAsyncApiExport() {
        for (String name : List.of("app.installed", "app.uninstalled", "api.version.deprecated", "partner.tier_changed",
                "deal_registration.approved", "commission.earned", "payout.paid", "review.posted", "listing.published",
                "user.created", "subscription.upgraded", "payment.failed", "task.completed", "deal.closed_won")) {
            assertThat(owner().get("/api/v1/event-types/" + name).status()).as(name).isEqualTo(200);
        }
        Api.Response sample = owner().get("/api/v1/event-types/commission.earned/sample");
        assertThat(sample.json().get(0).get("type").asString()).isEqualTo("commission.earned");
        assertThat(sample.json().get(0).get("data").get("currency").asString()).isEqualTo("USD");

        String type = newType();
        owner().post("/api/v1/event-types/" + type + "/deprecate", "{\"note\":\"use deal.won\"}");
        Api.Response doc = api().get("/api/v1/event-types/asyncapi");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.text("asyncapi")).isEqualTo("3.0.0");
        JsonNode message = doc.json().get("components").get("messages").get(type);
        assertThat(message.get("summary").asString()).startsWith("DEPRECATED");
        assertThat(message.get("payload").get("properties").get("data").get("required").get(0).asString()).isEqualTo("amount");
        assertThat(doc.json().get("channels").get("payout.paid").get("address").asString()).isEqualTo("payout.paid");
    }

    @Test
    void onlyOwnerKeysSendEvents() {
        String partner = owner().post("/api/v1/partners", """
                {"name":"%s","type":"technology","admin_email":"%s"}""".formatted(unique("P"), uniqueEmail("p"))).text("id");
        String key = owner().post("/api/v1/partners/" + partner + "/api-keys", "{}").text("key");
        assertProblem(api().as(key).post("/api/v1/events", "{\"type\":\"user.created\",\"account\":\"c\",\"data\":{}}"), 403, "/problems/forbidden");
        assertProblem(api().post("/api/v1/events", "{\"type\":\"user.created\",\"account\":\"c\",\"data\":{}}"), 401, "/problems/unauthenticated");
    }
}
