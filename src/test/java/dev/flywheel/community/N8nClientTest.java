package dev.flywheel.community;

import static dev.flywheel.community.CommunityFixtures.publish;
import static dev.flywheel.community.CommunityFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Plays n8n's editor against Flywheel with {@code N8N_TEMPLATES_HOST=<flywheel>/n8n}: the same
 * calls, parameters and headers as n8n's templates store and {@code @n8n/rest-api-client}
 * ({@code /health}, categories, collections, {@code /templates/search}, the preview and the
 * import), then imports the workflow the way n8n does (credentials stripped) and checks it is a
 * workflow n8n can put on its canvas.
 */
@Tag("database")
class N8nClientTest extends IntegrationTest {

    private static final String N8N_ORIGIN = "http://localhost:5678";

    /** What n8n's browser client sends: its version header, from its own origin. */
    private Api n8n() {
        return api().header("n8n-version", "1.98.0").header("Origin", N8N_ORIGIN).header("Accept", "application/json, text/plain, */*");
    }

    private String host() {
        return "/n8n";
    }

    @Test
    void n8nBrowsesSearchesPreviewsAndImportsAFlywheelTemplate() {
        String title = unique("Deals to Slack");
        String templateId = publish(api().as(OWNER_KEY), title, workflow("New deal {{ $json.name }}"));
        Api.Response collection = api().as(OWNER_KEY).post("/api/v1/community/moderation/collections",
                "{\"name\":\"" + unique("Sales starter kit") + "\",\"template_ids\":[\"" + templateId + "\"]}");
        assertThat(collection.status()).as(collection.body()).isEqualTo(201);

        // The settings page checks the host first.
        Api.Response health = n8n().get(host() + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("OK");
        assertThat(health.header("access-control-allow-origin")).isEqualTo("*");

        JsonNode categories = n8n().get(host() + "/templates/categories").json().get("categories");
        JsonNode sales = categories.valueStream().filter(c -> c.get("name").asString().equals("Sales")).findFirst().orElseThrow();
        assertThat(sales.get("id").isNumber()).isTrue();

        // The templates page: search with page/limit (newer clients) and category names, comma-separated.
        Api.Response search = n8n().get(host() + "/templates/search?page=1&limit=20&category=Sales&search="
                + URLEncoder.encode(title, StandardCharsets.UTF_8));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.json().get("totalWorkflows").asLong()).isEqualTo(1);
        JsonNode card = search.json().get("workflows").get(0);
        assertThat(card.get("id").isNumber()).isTrue();
        assertThat(card.get("name").asString()).isEqualTo(title);
        assertThat(card.get("user").get("username").asString()).isNotBlank();
        assertThat(card.get("createdAt").asString()).isNotBlank();
        assertThat(card.get("totalViews").isNumber()).isTrue();
        assertThat(card.has("price")).isTrue();
        assertThat(card.get("nodes").valueStream().map(n -> n.get("name").asString()))
                .containsExactlyInAnyOrder("n8n-nodes-base.slack", "n8n-nodes-base.webhook");
        assertThat(card.get("nodes").get(0).get("displayName").asString()).isEqualTo("Slack");
        assertThat(search.json().get("filters").get(0).get("field_name").asString()).isEqualTo("categories");
        // Older clients send rows instead of limit; category may also be the numeric id.
        assertThat(n8n().get(host() + "/templates/search?page=1&rows=20&category=" + sales.get("id").asLong() + "&search="
                + URLEncoder.encode(title, StandardCharsets.UTF_8)).json().get("totalWorkflows").asLong()).isEqualTo(1);
        assertThat(n8n().get(host() + "/templates/search?page=1&limit=20&category=Finance&search="
                + URLEncoder.encode(title, StandardCharsets.UTF_8)).json().get("totalWorkflows").asLong()).isZero();
        assertThat(n8n().get(host() + "/templates/search?page=1&limit=20&nodes=n8n-nodes-base.slack&search="
                + URLEncoder.encode(title, StandardCharsets.UTF_8)).json().get("totalWorkflows").asLong()).isEqualTo(1);

        // Collections list (legacy serializer sends category[]=...) and one collection.
        JsonNode collections = n8n().get(host() + "/templates/collections?category%5B%5D=Sales").json().get("collections");
        JsonNode kit = collections.valueStream().filter(c -> c.get("workflows").valueStream()
                .anyMatch(w -> w.get("id").asLong() == card.get("id").asLong())).findFirst().orElseThrow();
        JsonNode full = n8n().get(host() + "/templates/collections/" + kit.get("id").asLong()).json().get("collection");
        assertThat(full.get("workflows").get(0).get("name").asString()).isEqualTo(title);
        assertThat(full.get("image").isArray()).isTrue();

        // The preview: wrapped in "workflow", with workflowInfo and the workflow itself.
        long number = card.get("id").asLong();
        JsonNode preview = n8n().get(host() + "/templates/workflows/" + number).json().get("workflow");
        assertThat(preview.get("id").asLong()).isEqualTo(number);
        assertThat(preview.get("description").asString()).contains("sales channel");
        assertThat(preview.get("categories").get(0).get("name").asString()).isEqualTo("Sales");
        assertThat(preview.get("workflowInfo").get("nodeCount").asInt()).isEqualTo(2);
        assertThat(preview.get("workflowInfo").get("nodeTypes").get("n8n-nodes-base.slack").get("count").asInt()).isEqualTo(1);
        assertThat(preview.get("workflow").get("nodes")).hasSize(2);

        // The import: a flat object, which n8n turns into a new workflow.
        Api.Response imported = n8n().get(host() + "/workflows/templates/" + number);
        assertThat(imported.status()).isEqualTo(200);
        JsonNode template = imported.json();
        assertThat(template.get("id").asLong()).isEqualTo(number);
        assertThat(template.get("name").asString()).isEqualTo(title);
        JsonNode wf = template.get("workflow");
        assertImportable(wf);
        assertThat(wf.get("nodes").get(1).has("credentials")).as("stored credential references are not shipped").isFalse();
        assertThat(wf.get("nodes").get(1).get("parameters").get("text").asString()).isEqualTo("New deal {{ $json.name }}");

        // Views and raw clones are counted, but ranking only counts copies still in use.
        JsonNode after = api().get("/api/v1/community/gallery/templates/" + templateId).json();
        assertThat(after.get("views").asLong()).isEqualTo(1);
        assertThat(after.get("active_uses").asLong()).isZero();
    }

    @Test
    void theEditorsCrossOriginPreflightIsAllowed() {
        Api.Response preflight = api().send(HttpRequest.newBuilder(URI.create(api().base() + host() + "/templates/search?page=1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", N8N_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "n8n-version"));

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(preflight.header("access-control-allow-headers")).containsIgnoringCase("n8n-version");
    }

    @Test
    void unknownOrUnpublishedTemplatesAreNotFoundInJson() {
        Api.Response missing = n8n().get(host() + "/templates/workflows/999999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("message")).contains("999999999");
        assertThat(n8n().get(host() + "/workflows/templates/not-a-number").status()).isEqualTo(404);

        String title = unique("Pending");
        api().as(OWNER_KEY).post("/api/v1/community/templates", CommunityFixtures.submission(title, workflow("x")).toString());
        assertThat(n8n().get(host() + "/templates/search?page=1&limit=20&search=" + URLEncoder.encode(title, StandardCharsets.UTF_8))
                .json().get("totalWorkflows").asLong()).isZero();
    }

    /** The checks n8n's import makes implicitly: nodes with names, types and positions, connections between existing nodes. */
    private static void assertImportable(JsonNode workflow) {
        Set<String> names = new HashSet<>();
        for (JsonNode node : workflow.get("nodes")) {
            assertThat(node.get("name").asString()).isNotBlank();
            assertThat(node.get("type").asString()).contains(".");
            assertThat(node.get("position")).hasSize(2);
            assertThat(node.get("parameters").isObject()).isTrue();
            names.add(node.get("name").asString());
        }
        workflow.get("connections").forEachEntry((source, outputs) -> {
            assertThat(names).contains(source);
            outputs.get("main").forEach(branch -> branch.forEach(target -> assertThat(names).contains(target.get("node").asString())));
        });
        assertThat(workflow.get("pinData").isEmpty()).isTrue();
    }
}
