package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class SecretScannerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final SecretScanner scanner = new SecretScanner();

    // Secrets are assembled from parts so this file itself does not trip repository secret scanners.
    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("aws-access-key-id", "AKIA" + "Z7QK3LM2PX9RT4WB"),
                Arguments.of("aws-secret-access-key", "aws_secret_access_key = " + "wJ7rXUtnF3MI2K7MDENGbPxRfiCYq9Lk2Hx8sT4v"),
                Arguments.of("github-token", "ghp_" + "4fGhT7kLm9QwErTyUiOp2AsDfGhJkLzXcVbN1m"),
                Arguments.of("github-token", "gho_" + "16C7e42F292c6912E7710c838347Ae178B4a00"),
                Arguments.of("github-token", "github_pat_" + "11ABCDEFG0123456789_abcdefghijKLMNOPQRSTuvwxyz0123456789ABCDEFGHIJKLMNOPQR"),
                Arguments.of("gitlab-token", "glpat-" + "xR4kT9mB2vN7qL1wZ8yH"),
                Arguments.of("slack-token", "xoxb-" + "2847561930-4827364519283-kT9mB2vN7qL1wZ8yHcD4fG6j"),
                Arguments.of("slack-token", "xoxp-" + "1234567890-0987654321-1122334455-abcdef0123456789abcdef0123456789"),
                Arguments.of("stripe-key", "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZabc"),
                Arguments.of("stripe-key", "rk_test_" + "4eC39HqLyjWDarjtT1zdp7dc"),
                Arguments.of("stripe-webhook-secret", "whsec_" + "5f8a9c2b1d3e4f6a7b8c9d0e1f2a3b4c"),
                Arguments.of("google-api-key", "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"),
                Arguments.of("openai-key", "sk-proj-" + "Ab3dEf6hIj9kLmN0pQr2StUvWx4Yz"),
                Arguments.of("anthropic-key", "sk-ant-" + "api03-Xy7Kq2Lm9Np4Rs6Tv8Wx0Yz1Ab3Cd5Ef"),
                Arguments.of("sendgrid-key", "SG." + "ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"),
                Arguments.of("twilio-key", "SK" + "0123456789abcdef0123456789abcdef"),
                Arguments.of("mailgun-key", "key-" + "3ax6xnjp29jd6fds4gc373sgvjxteol0"),
                Arguments.of("npm-token", "npm_" + "aB3dEf6hIj9kLmN0pQr2StUvWx4Yz5Ab7Cd8"),
                Arguments.of("shopify-token", "shpat_" + "0123456789abcdef0123456789abcdef"),
                Arguments.of("hubspot-token", "pat-na1-" + "12345678-90ab-cdef-1234-567890abcdef"),
                Arguments.of("flywheel-key", "fw_live_" + "Xk9mQ2pL7vR4tW8yZ3bN6cD1"),
                Arguments.of("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"
                        + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"),
                Arguments.of("bearer-token", "Bearer " + "a8f3k2m9x7q4w1z6r5t0y3u8i2o7p4l1"),
                Arguments.of("basic-auth", "Basic " + Base64.getEncoder().encodeToString("admin:s3cr3t-Pa55".getBytes())),
                Arguments.of("private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq3\n-----END RSA PRIVATE KEY-----"),
                Arguments.of("private-key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"),
                Arguments.of("private-key", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
                Arguments.of("url-password", "postgres://app:" + "Hunter2-prod" + "@db.internal:5432/crm"),
                Arguments.of("url-password", "https://deploy:" + "9xK2mP7q" + "@git.example.com/repo.git"),
                Arguments.of("webhook-url", "https://hooks.slack.com/services/" + "T024BE7LD/B08R2KJ7QF3/xR4kT9mB2vN7qL1wZ8yHcD4f"),
                Arguments.of("webhook-url", "https://discord.com/api/webhooks/" + "112233445566778899/aBcDeFgHiJkLmNoPqRsTuVwXyZ_0123456789"),
                Arguments.of("webhook-url", "https://contoso.webhook.office.com/webhookb2/" + "a1b2c3d4-e5f6@72f988bf/IncomingWebhook/abc123/def456"),
                Arguments.of("webhook-url", "https://hooks.zapier.com/hooks/catch/" + "1234567/abcde12/"),
                Arguments.of("webhook-url", "https://hook.eu1.make.com/" + "abcdefghijklmnopqrstuvwx12345678"),
                Arguments.of("webhook-url", "https://chat.googleapis.com/v1/spaces/AAAA1234/messages?key=" + "AIzaSyDdI0hCZtE6vySjMm&token=abc123"),
                Arguments.of("webhook-url", "https://n8n.acme.io/webhook/" + "5f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f"),
                Arguments.of("secret-query-parameter", "https://api.weather.example/v1/today?city=Paris&api_key=" + "93kd82jd72hs62ks"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("secrets")
    void findsSecretOfEachKindAndSaysWhere(String kind, String secret) {
        JsonNode workflow = workflowWithParameter("text", secret);

        SecretScanner.Result result = scanner.scan(workflow);

        assertThat(result.findings()).as("findings for %s", secret).isNotEmpty();
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.path()).isEqualTo("$.nodes[1].parameters.text");
        });
        String redacted = result.redacted().path("nodes").path(1).path("parameters").path("text").asString();
        assertThat(redacted).contains("[redacted:");
    }

    static Stream<String> lookAlikes() {
        return Stream.of(
                "AKIAIOSFODNN7EXAMPLE", // AWS's documented example key
                "={{ $env.SLACK_TOKEN }}",
                "={{ $credentials.apiKey }}",
                "Bearer {{ $json.token }}",
                "Bearer YOUR_ACCESS_TOKEN_HERE",
                "xoxb-your-token",
                "sk_live_...",
                "pk_live_" + "51HqLyjWDarjtT1zdp7dc", // publishable Stripe key: meant to be public
                "Tokens start with ghp_ and are 40 characters long",
                "https://user@example.com/path",
                "postgres://app:{{ $env.DB_PASSWORD }}@db.internal:5432/crm",
                "https://user:password@example.com",
                "550e8400-e29b-41d4-a716-446655440000",
                "da39a3ee5e6b4b0d3255bfef95601890afd80709", // a SHA-1
                "#4f46e5",
                "https://api.example.com/v1/items?page_token=abc&limit=100",
                "https://hooks.slack.com/", // the host alone
                "https://n8n.acme.io/webhook/my-form",
                "Use the scikit-learn-compatible-estimator API",
                "Basic authentication is supported",
                "eyJhbGciOi is how a JWT header begins",
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    }

    @ParameterizedTest(name = "not a secret: {0}")
    @MethodSource("lookAlikes")
    void leavesLookAlikesAlone(String value) {
        SecretScanner.Result result = scanner.scan(workflowWithParameter("text", value));

        assertThat(result.findings()).isEmpty();
        assertThat(result.redacted()).isEqualTo(workflowWithParameter("text", value));
    }

    @Test
    void flagsLiteralValuesOfSecretFieldsButNotExpressionsOrPlaceholders() {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put("apiKey", "q8Wz2Lp0Rt");
        params.put("password", "correct horse battery staple");
        params.put("clientSecret", "={{ $env.CLIENT_SECRET }}");
        params.put("accessToken", "YOUR_ACCESS_TOKEN");
        params.put("token", "");
        params.put("nextPageToken", "CAoQAA");
        params.put("tokenType", "bearer");
        params.put("channel", "#general");

        SecretScanner.Result result = scanner.scan(workflowWithParameters(params));

        assertThat(result.findings()).extracting(SecretScanner.Finding::path)
                .containsExactly("$.nodes[1].parameters.apiKey", "$.nodes[1].parameters.password");
        assertThat(result.findings()).extracting(SecretScanner.Finding::kind).containsOnly("credential-field");
        assertThat(result.redacted().at("/nodes/1/parameters/apiKey").asString()).isEqualTo("[redacted:credential-field]");
        assertThat(result.redacted().at("/nodes/1/parameters/clientSecret").asString()).isEqualTo("={{ $env.CLIENT_SECRET }}");
    }

    @Test
    void flagsHeaderValuePairsByTheirName() {
        String json = """
                {"nodes":[{"name":"Call API","type":"n8n-nodes-base.httpRequest","parameters":{"headerParameters":{"parameters":[
                  {"name":"Accept","value":"application/json"},
                  {"name":"X-API-Key","value":"9f8e7d6c5b4a3210"}]}}}],"connections":{}}""";

        SecretScanner.Result result = scanner.scan(JSON.readTree(json));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("$.nodes[0].parameters.headerParameters.parameters[1].value");
            assertThat(f.kind()).isEqualTo("credential-field");
        });
    }

    @Test
    void flagsPinnedTestDataAndRemovesItOnRedaction() {
        String json = """
                {"nodes":[],"connections":{},"pinData":{"Webhook":[{"json":{"email":"jane.doe@customer.com"}}]}}""";

        SecretScanner.Result result = scanner.scan(JSON.readTree(json));

        assertThat(result.findings()).extracting(SecretScanner.Finding::path, SecretScanner.Finding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.pinData", "pinned-data"));
        assertThat(result.redacted().get("pinData").isEmpty()).isTrue();
        assertThat(scanner.scan(JSON.readTree("{\"nodes\":[],\"pinData\":{}}")).findings()).isEmpty();
    }

    @Test
    void leavesCredentialReferencesAlone() {
        String json = """
                {"nodes":[{"name":"Slack","type":"n8n-nodes-base.slack","parameters":{"channel":"#sales"},
                  "credentials":{"slackApi":{"id":"3","name":"Slack account"}}}],"connections":{}}""";

        assertThat(scanner.scan(JSON.readTree(json)).findings()).isEmpty();
    }

    @Test
    void reportsEverySecretInAStringOnceAndKeepsTheRest() {
        String text = "curl -H 'Authorization: Bearer " + "ghp_4fGhT7kLm9QwErTyUiOp2AsDfGhJkLzXcVbN1m" + "' https://api.github.com";

        SecretScanner.Result result = scanner.scan(workflowWithParameter("command", text));

        assertThat(result.findings()).singleElement().extracting(SecretScanner.Finding::kind).isEqualTo("github-token");
        assertThat(result.redacted().at("/nodes/1/parameters/command").asString())
                .isEqualTo("curl -H 'Authorization: Bearer [redacted:github-token]' https://api.github.com");
    }

    @Test
    void quotesPathsOfKeysThatAreNotIdentifiers() {
        String json = "{\"connections\":{\"Send to Slack\":{\"note\":\"xoxb-" + "2847561930-4827364519283-kT9mB2vN7qL1wZ8y\"}}}";

        assertThat(scanner.scan(JSON.readTree(json)).findings()).extracting(SecretScanner.Finding::path)
                .containsExactly("$.connections['Send to Slack'].note");
    }

    @Test
    void scansFreeText() {
        assertThat(scanner.scanText("description", "Paste sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZabc into the field"))
                .extracting(SecretScanner.Finding::path, SecretScanner.Finding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("description", "stripe-key"));
        assertThat(scanner.scanText("description", "Posts new deals to a Slack channel.")).isEmpty();
    }

    private static JsonNode workflowWithParameter(String name, String value) {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.put(name, value);
        return workflowWithParameters(params);
    }

    private static JsonNode workflowWithParameters(ObjectNode params) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var nodes = root.putArray("nodes");
        ObjectNode trigger = nodes.addObject();
        trigger.put("name", "Start");
        trigger.put("type", "n8n-nodes-base.manualTrigger");
        trigger.putObject("parameters");
        ObjectNode node = nodes.addObject();
        node.put("name", "Step");
        node.put("type", "n8n-nodes-base.set");
        node.set("parameters", params);
        root.putObject("connections");
        return root;
    }
}
