package dev.flywheel.community;

import static dev.flywheel.community.CommunityFixtures.publish;
import static dev.flywheel.community.CommunityFixtures.submission;
import static dev.flywheel.community.CommunityFixtures.workflow;
import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Tag("database")
class CommunityApiTest extends IntegrationTest {

    private static final String SLACK_TOKEN = "xoxb-" + "2847561930-4827364519283-kT9mB2vN7qL1wZ8yHcD4fG6j";

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** A partner with a live API key, as a contributor from the ecosystem. */
    private Api partner() {
        Api.Response p = owner().post("/api/v1/partners", "{\"name\":\"" + unique("Builders") + "\",\"type\":\"technology\",\"admin_email\":\""
                + uniqueEmail("admin") + "\"}");
        Api.Response key = owner().post("/api/v1/partners/" + p.text("id") + "/api-keys", "{\"name\":\"gallery\"}");
        return api().as(key.text("key"));
    }

    @Test
    void refusesASecretAndSaysExactlyWhereItIs() {
        ObjectNode payload = workflow("Token " + SLACK_TOKEN);

        Api.Response r = partner().post("/api/v1/community/templates", submission(unique("Deals to Slack"), payload).toString());

        assertProblem(r, 422, "/problems/secret-in-payload");
        assertThat(r.text("detail")).contains("Slack token at $.nodes[1].parameters.text").contains("Nothing was saved");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("$.nodes[1].parameters.text");
        assertThat(r.json().get("findings").get(0).get("kind").asString()).isEqualTo("slack-token");
    }

    @Test
    void redactsWhenAskedAndListsWhatWasRedacted() {
        ObjectNode body = submission(unique("Deals to Slack"), workflow("Token " + SLACK_TOKEN));
        body.put("on_secret", "redact");

        Api.Response r = partner().post("/api/v1/community/templates", body.toString());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.text("state")).isEqualTo("in_review");
        assertThat(r.json().at("/payload/nodes/1/parameters/text").asString()).isEqualTo("Token [redacted:slack-token]");
        assertThat(r.body()).doesNotContain(SLACK_TOKEN);
        assertThat(r.json().get("redactions").get(0).get("path").asString()).isEqualTo("$.nodes[1].parameters.text");
    }

    @Test
    void aSubmissionIsInvisibleUntilApprovedThenListed() {
        Api partner = partner();
        String title = unique("Deal alerts");
        Api.Response created = partner.post("/api/v1/community/templates", submission(title, workflow("New deal: {{ $json.name }}")).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");

        assertThat(api().get("/api/v1/community/gallery/templates/" + id).status()).isEqualTo(404);
        assertThat(partner.get("/api/v1/community/templates/" + id).status()).isEqualTo(200);
        // Partners cannot moderate.
        assertProblem(partner.get("/api/v1/community/moderation/queue"), 403, "/problems/forbidden");

        JsonNode item = owner().get("/api/v1/community/moderation/queue?limit=100").json().get("data").valueStream()
                .filter(i -> i.get("template_id").asString().equals(id)).findFirst().orElseThrow();
        Api.Response approved = owner().post("/api/v1/community/moderation/versions/" + item.get("version_id").asString() + "/decision",
                "{\"decision\":\"approved\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("published");

        Api.Response listed = api().get("/api/v1/community/gallery/templates?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(listed.json().get("data")).hasSize(1);
        assertThat(listed.json().get("data").get(0).get("author").get("name").asString()).startsWith("Builders");
        // Deciding twice is refused.
        assertProblem(owner().post("/api/v1/community/moderation/versions/" + item.get("version_id").asString() + "/decision",
                "{\"decision\":\"rejected\",\"reason\":\"Changed my mind\"}"), 409, "/problems/conflict");
    }

    @Test
    void rejectingNeedsAReasonAndRequestingChangesSendsItBackToTheAuthor() {
        Api partner = partner();
        String id = partner.post("/api/v1/community/templates", submission(unique("Needs work"), workflow("hi")).toString()).text("id");
        String versionId = queueItem(id).get("version_id").asString();

        assertProblem(owner().post("/api/v1/community/moderation/versions/" + versionId + "/decision", "{\"decision\":\"rejected\"}"),
                400, "/problems/validation");
        Api.Response changes = owner().post("/api/v1/community/moderation/versions/" + versionId + "/decision",
                "{\"decision\":\"changes_requested\",\"reason\":\"Describe which CRM fields are sent.\"}");
        assertThat(changes.text("state")).isEqualTo("changes_requested");

        Api.Response v2 = partner.post("/api/v1/community/templates/" + id + "/versions",
                "{\"description\":\"Sends the deal name and amount to #sales.\",\"payload\":" + workflow("Deal {{ $json.name }}") + "}");
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);
        assertThat(partner.get("/api/v1/community/templates/" + id).text("state")).isEqualTo("in_review");
        JsonNode versions = partner.get("/api/v1/community/templates/" + id + "/versions").json();
        assertThat(versions.get(1).get("review_reason").asString()).isEqualTo("Describe which CRM fields are sent.");
    }

    @Test
    void blockListRefusesWordsAndDomainsSayingWhere() {
        String word = unique("casino").replace("-", "");
        owner().post("/api/v1/community/moderation/blocklist", "{\"kind\":\"word\",\"term\":\"" + word + "\"}");
        String domain = unique("spam").replace("-", "") + ".example";
        Api.Response blocked = owner().post("/api/v1/community/moderation/blocklist", "{\"kind\":\"domain\",\"term\":\"" + domain + "\"}");
        assertThat(blocked.status()).isEqualTo(201);

        Api.Response byWord = partner().post("/api/v1/community/templates", submission("Win big at " + word, workflow("x")).toString());
        assertProblem(byWord, 422, "/problems/blocked-content");
        assertThat(byWord.text("detail")).contains("word '" + word + "' at title");

        Api.Response byDomain = partner().post("/api/v1/community/templates",
                submission(unique("Links"), workflow("see https://www." + domain + "/offer")).toString());
        assertProblem(byDomain, 422, "/problems/blocked-content");
        assertThat(byDomain.json().get("errors").get(0).get("field").asString()).isEqualTo("$.nodes[1].parameters.text");

        owner().delete("/api/v1/community/moderation/blocklist/" + blocked.text("id"));
        assertThat(partner().post("/api/v1/community/templates",
                submission(unique("Links"), workflow("see https://www." + domain + "/offer")).toString()).status()).isEqualTo(201);
    }

    @Test
    void remixesShowWhereTheyCameFrom() {
        String origin = publish(owner(), unique("Original"), workflow("one"));
        ObjectNode remix = submission(unique("Remix"), workflow("two"));
        remix.put("remix_of", origin);
        Api partner = partner();
        Api.Response created = partner.post("/api/v1/community/templates", remix.toString());
        assertThat(created.text("remixed_from")).isEqualTo(origin);
        assertThat(created.json().get("remixed_from_version").asInt()).isEqualTo(1);
        String versionId = queueItem(created.text("id")).get("version_id").asString();
        owner().post("/api/v1/community/moderation/versions/" + versionId + "/decision", "{\"decision\":\"approved\"}");

        JsonNode lineage = api().get("/api/v1/community/gallery/templates/" + created.text("id") + "/lineage").json();
        assertThat(lineage.get("ancestors").get(0).get("id").asString()).isEqualTo(origin);
        JsonNode originLineage = api().get("/api/v1/community/gallery/templates/" + origin + "/lineage").json();
        assertThat(originLineage.get("remixes").get(0).get("id").asString()).isEqualTo(created.text("id"));
    }

    @Test
    void abuseReportUpheldTakesTheTemplateDown() {
        String id = publish(owner(), unique("Reported"), workflow("x"));
        Api.Response report = partner().post("/api/v1/community/templates/" + id + "/reports", "{\"reason\":\"spam\",\"detail\":\"Ads\"}");
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        assertProblem(partner().post("/api/v1/community/templates/" + id + "/reports", "{\"reason\":\"boring\"}"), 400, "/problems/validation");

        Api.Response resolved = owner().post("/api/v1/community/moderation/reports/" + report.text("id") + "/resolution",
                "{\"action\":\"uphold\",\"note\":\"Advertising\"}");
        assertThat(resolved.text("status")).isEqualTo("upheld");
        assertThat(api().get("/api/v1/community/gallery/templates/" + id).status()).isEqualTo(404);

        assertThat(owner().post("/api/v1/community/moderation/templates/" + id + "/restore", "").text("state")).isEqualTo("published");
    }

    @Test
    void copiesCountOnlyOnceStillInUseAfterTheRetentionPeriod() {
        String id = publish(owner(), unique("Used"), workflow("x"));
        Api taker = partner();
        Api.Response copy = taker.post("/api/v1/community/templates/" + id + "/copies", "{\"external_ref\":\"wf-42\"}");
        assertThat(copy.status()).as(copy.body()).isEqualTo(201);
        assertThat(copy.json().get("active_use").asBoolean()).isFalse();
        assertThat(copy.text("counts_from")).isNotNull();

        // Still in use right now is not enough: the week has not passed.
        Api.Response seen = taker.post("/api/v1/community/copies/" + copy.text("id") + "/usage", "{\"in_use\":true}");
        assertThat(seen.json().get("active_use").asBoolean()).isFalse();
        // Another organization cannot report on someone else's copy.
        assertProblem(partner().post("/api/v1/community/copies/" + copy.text("id") + "/usage", "{\"in_use\":true}"), 404, "/problems/not-found");

        JsonNode view = api().get("/api/v1/community/gallery/templates/" + id).json();
        assertThat(view.get("copies_taken").asLong()).isEqualTo(1);
        assertThat(view.get("active_uses").asLong()).isZero();

        Api.Response removed = taker.post("/api/v1/community/copies/" + copy.text("id") + "/usage", "{\"in_use\":false}");
        assertThat(removed.text("removed_at")).isNotNull();
        assertProblem(taker.post("/api/v1/community/copies/" + copy.text("id") + "/usage", "{\"in_use\":true}"), 409, "/problems/conflict");
    }

    @Test
    void theOwnerFeaturesATemplateAndItLeadsTheRanking() {
        String id = publish(owner(), unique("Featured"), workflow("x"));
        Api.Response featured = api().as(OWNER_KEY).put("/api/v1/community/moderation/templates/" + id + "/featured", "{\"rank\":1}");
        assertThat(featured.json().get("featured_rank").asInt()).isEqualTo(1);

        JsonNode ranking = api().get("/api/v1/community/gallery/ranking?limit=100").json();
        int position = 0;
        for (int i = 0; i < ranking.size(); i++) {
            if (ranking.get(i).get("id").asString().equals(id)) {
                position = i;
            }
        }
        assertThat(ranking.get(position).get("featured_rank").asInt()).isEqualTo(1);
        for (int i = 0; i < position; i++) {
            assertThat(ranking.get(i).get("featured_rank").asInt()).isLessThanOrEqualTo(1);
        }
        String org = api().get("/api/v1/community/gallery/templates/" + id).json().get("author").get("organization_id").asString();
        Api.Response profileResponse = api().get("/api/v1/community/gallery/contributors/" + org);
        assertThat(profileResponse.status()).as(profileResponse.body()).isEqualTo(200);
        JsonNode profile = profileResponse.json();
        assertThat(profile.get("badges").valueStream().map(b -> b.get("code").asString())).contains("first-template", "featured");
        api().as(OWNER_KEY).put("/api/v1/community/moderation/templates/" + id + "/featured", "{\"rank\":null}");
    }

    @Test
    void validatesSubmissions() {
        ObjectNode noNodes = submission(unique("Empty"), workflow("x"));
        noNodes.putObject("payload");
        assertProblem(partner().post("/api/v1/community/templates", noNodes.toString()), 400, "/problems/validation");
        ObjectNode badFormat = submission(unique("Format"), workflow("x"));
        badFormat.put("format", "ifttt");
        assertProblem(partner().post("/api/v1/community/templates", badFormat.toString()), 400, "/problems/validation");
        ObjectNode badCategory = submission(unique("Category"), workflow("x"));
        badCategory.put("category", "astrology");
        assertProblem(partner().post("/api/v1/community/templates", badCategory.toString()), 400, "/problems/validation");
        assertProblem(api().post("/api/v1/community/templates", submission("No key", workflow("x")).toString()), 401, "/problems/unauthenticated");
    }

    private JsonNode queueItem(String templateId) {
        return owner().get("/api/v1/community/moderation/queue?limit=100").json().get("data").valueStream()
                .filter(i -> i.get("template_id").asString().equals(templateId)).findFirst().orElseThrow();
    }
}
