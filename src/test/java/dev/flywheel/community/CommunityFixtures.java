package dev.flywheel.community;

import dev.flywheel.support.Api;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builders for gallery tests: an n8n workflow and a submission with sensible defaults. */
final class CommunityFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private CommunityFixtures() {
    }

    /** A small n8n workflow: a webhook trigger posting to Slack, optionally with a literal value in the Slack node. */
    static ObjectNode workflow(String slackText) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode nodes = root.putArray("nodes");
        ObjectNode trigger = nodes.addObject();
        trigger.put("id", "a1");
        trigger.put("name", "New deal");
        trigger.put("type", "n8n-nodes-base.webhook");
        trigger.put("typeVersion", 2);
        trigger.putArray("position").add(0).add(0);
        trigger.putObject("parameters").put("path", "new-deal").put("httpMethod", "POST");
        ObjectNode slack = nodes.addObject();
        slack.put("id", "a2");
        slack.put("name", "Tell the team");
        slack.put("type", "n8n-nodes-base.slack");
        slack.put("typeVersion", 2);
        slack.putArray("position").add(300).add(0);
        slack.putObject("parameters").put("channel", "#sales").put("text", slackText);
        slack.putObject("credentials").putObject("slackApi").put("id", "7").put("name", "Slack account");
        ObjectNode connections = root.putObject("connections");
        connections.putObject("New deal").putArray("main").addArray().addObject().put("node", "Tell the team").put("type", "main").put("index", 0);
        root.putObject("settings").put("executionOrder", "v1");
        return root;
    }

    static ObjectNode submission(String title, ObjectNode payload) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("title", title);
        body.put("description", "Posts every new deal from the CRM to the sales channel in Slack.");
        body.put("category", "sales");
        body.put("format", "n8n-workflow");
        body.putArray("apps").add("Slack").add("Acme CRM");
        body.putArray("scopes").add("deals:read");
        body.set("payload", payload);
        return body;
    }

    /** Submits, approves and returns the template id. */
    static String publish(Api owner, String title, ObjectNode payload) {
        Api.Response created = owner.post("/api/v1/community/templates", submission(title, payload).toString());
        if (created.status() != 201) {
            throw new AssertionError(created.body());
        }
        String id = created.text("id");
        String versionId = owner.get("/api/v1/community/moderation/queue?limit=100").json().get("data").valueStream()
                .filter(i -> i.get("template_id").asString().equals(id)).findFirst().orElseThrow().get("version_id").asString();
        Api.Response decided = owner.post("/api/v1/community/moderation/versions/" + versionId + "/decision", "{\"decision\":\"approved\"}");
        if (decided.status() != 200) {
            throw new AssertionError(decided.body());
        }
        return id;
    }
}
