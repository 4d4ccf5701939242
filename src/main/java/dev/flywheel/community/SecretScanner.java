package dev.flywheel.community;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds credentials in a submitted template before anyone else can see it: vendor API keys and
 * tokens by their published shapes, JWTs, private key blocks, bearer and basic authorization
 * values, URLs with a password in them, secret query parameters, webhook URLs (which are
 * credentials: whoever has one can post into the channel), literal values of fields named like a
 * secret, and pinned test data (n8n's {@code pinData}, real records captured from a run).
 *
 * <p>Each finding names the JSON path where it is, so the contributor can fix exactly that place.
 * Values that only look like secrets are left alone: n8n expressions ({@code ={{ $env.TOKEN }}}),
 * placeholders ({@code YOUR_API_KEY}, {@code <token>}), AWS's documented example keys, references
 * to stored credentials ({@code "credentials": {"slackApi": {"id": "3"}}}), UUIDs and hashes.
 *
 * <p>Pure: no framework, no I/O; the tree passed in is never modified.
 */
final class SecretScanner {

    /** One secret found: where it is (a JSON path such as {@code $.nodes[1].parameters.token}) and what it is. */
    record Finding(String path, String kind, String label) {

        String describe() {
            return label + " at " + path;
        }
    }

    /** What a scan found, and the tree with every finding replaced by a {@code [redacted:kind]} marker. */
    record Result(List<Finding> findings, JsonNode redacted) {

        boolean clean() {
            return findings.isEmpty();
        }
    }

    private record Detector(String kind, String label, Pattern pattern, int group, Predicate<String> accept) {
    }

    private record Hit(int start, int end, Detector detector) {
    }

    private static final List<Detector> DETECTORS = List.of(
            detector("private-key", "private key block",
                    "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\\s\\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?", 0, v -> true),
            detector("aws-access-key-id", "AWS access key id", "\\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\\b", 1,
                    v -> !v.endsWith("EXAMPLE")),
            detector("aws-secret-access-key", "AWS secret access key",
                    "(?i)aws.{0,24}secret.{0,24}?[\"'=:\\s]+([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])", 1, v -> !v.contains("EXAMPLEKEY")),
            detector("github-token", "GitHub token", "\\b(gh[pousr]_[A-Za-z0-9]{36,255})\\b", 1, v -> true),
            detector("github-token", "GitHub fine-grained token", "\\b(github_pat_[A-Za-z0-9_]{22,255})\\b", 1, v -> true),
            detector("gitlab-token", "GitLab token", "\\b(gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_\\-]{20,})\\b", 1, v -> true),
            detector("slack-token", "Slack token", "\\b(xox[abposre]-[0-9]{6,}-[0-9A-Za-z\\-]{6,})\\b", 1, v -> true),
            detector("slack-token", "Slack app token", "\\b(xapp-[0-9]-[A-Z0-9]{6,}-[0-9]{6,}-[a-z0-9]{20,})\\b", 1, v -> true),
            detector("stripe-key", "Stripe secret key", "\\b((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,})\\b", 1, v -> true),
            detector("stripe-webhook-secret", "Stripe webhook signing secret", "\\b(whsec_[A-Za-z0-9]{24,})\\b", 1, v -> true),
            detector("google-api-key", "Google API key", "\\b(AIza[0-9A-Za-z_\\-]{35})(?![0-9A-Za-z_\\-])", 1, v -> true),
            detector("anthropic-key", "Anthropic API key", "\\b(sk-ant-[A-Za-z0-9_\\-]{20,})", 1, v -> true),
            detector("openai-key", "OpenAI API key", "\\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,})", 1,
                    v -> !v.startsWith("sk-ant-") && mixedCaseWithDigits(v)),
            detector("sendgrid-key", "SendGrid API key", "\\b(SG\\.[A-Za-z0-9_\\-]{16,32}\\.[A-Za-z0-9_\\-]{16,64})\\b", 1, v -> true),
            detector("twilio-key", "Twilio API key", "\\b(SK[0-9a-f]{32})\\b", 1, v -> true),
            detector("mailgun-key", "Mailgun API key", "\\b(key-[0-9a-z]{32})\\b", 1, v -> true),
            detector("npm-token", "npm token", "\\b(npm_[A-Za-z0-9]{36})\\b", 1, v -> true),
            detector("shopify-token", "Shopify access token", "\\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})\\b", 1, v -> true),
            detector("hubspot-token", "HubSpot private app token",
                    "\\b(pat-(?:na1|eu1)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b", 1, v -> true),
            detector("flywheel-key", "Flywheel API key", "\\b(fw_(?:live|test)_[A-Za-z0-9]{20,})\\b", 1, v -> true),
            detector("jwt", "JSON Web Token", "\\b(eyJ[A-Za-z0-9_\\-]{5,}\\.eyJ[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{8,})", 1,
                    SecretScanner::isJwt),
            detector("bearer-token", "bearer token", "(?i)\\bbearer\\s+([A-Za-z0-9\\-._~+/]{16,}=*)", 1, SecretScanner::looksRandom),
            detector("basic-auth", "basic authorization header", "(?i)\\bbasic\\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])", 1,
                    SecretScanner::isBasicCredentials),
            detector("url-password", "password in a URL", "\\b[a-zA-Z][a-zA-Z0-9+.\\-]*://[^/\\s:@\"']+:([^/\\s@\"']+)@", 1,
                    v -> !isPlaceholder(v)),
            detector("webhook-url", "Slack webhook URL",
                    "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/\\-]{16,}", 0, v -> true),
            detector("webhook-url", "Discord webhook URL",
                    "https://(?:canary\\.|ptb\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]+/[A-Za-z0-9_\\-]+", 0, v -> true),
            detector("webhook-url", "Microsoft Teams webhook URL", "https://[a-z0-9\\-]+\\.webhook\\.office\\.com/webhookb2/[^\\s\"']+", 0,
                    v -> true),
            detector("webhook-url", "Zapier webhook URL", "https://hooks\\.zapier\\.com/hooks/catch/[0-9]+/[A-Za-z0-9]+/?", 0, v -> true),
            detector("webhook-url", "Make webhook URL", "https://hook\\.[a-z0-9]+\\.make\\.com/[A-Za-z0-9]{16,}", 0, v -> true),
            detector("webhook-url", "Google Chat webhook URL",
                    "https://chat\\.googleapis\\.com/v1/spaces/[^/\\s\"']+/messages\\?[^\\s\"']*(?:key|token)=[^\\s\"']+", 0, v -> true),
            detector("webhook-url", "n8n production webhook URL",
                    "https?://[^\\s\"'/]+/webhook(?:-test)?/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", 0, v -> true),
            detector("secret-query-parameter", "secret in a URL query parameter",
                    "(?i)[?&](?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|sig|signature)=([^&\\s\"'#]{12,})",
                    1, v -> !isPlaceholder(v)));

    /** Field names whose literal string value is a credential (compared lower-case, without separators). */
    private static final Set<String> SECRET_FIELD_ENDINGS = Set.of("password", "passwd", "passphrase", "secret", "clientsecret",
            "apikey", "apitoken", "accesskey", "secretkey", "privatekey", "accesstoken", "authtoken", "refreshtoken", "bearertoken",
            "sessiontoken", "token", "authorization", "xapikey", "signingsecret", "webhooksecret");

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)^(?:<.*>|\\[.*]|\\*+|x{3,}|\\.{3,}|your[\\s_-].*|your[A-Z].*|my[\\s_-].*|changeme|placeholder|example.*|redacted.*|none|null|n/a|"
                    + "tbd|todo|secret|password|pass|token|api[\\s_-]?key|test|dummy|sample|foo|bar|\\$\\{.*}|\\$[A-Z_]+|%[A-Z_]+%)$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$");

    private static Detector detector(String kind, String label, String regex, int group, Predicate<String> accept) {
        return new Detector(kind, label, Pattern.compile(regex), group, accept);
    }

    /** Scans a JSON tree (a workflow, a template body). */
    Result scan(JsonNode root) {
        List<Finding> findings = new ArrayList<>();
        JsonNode redacted = walk(root, "$", null, findings);
        return new Result(List.copyOf(findings), redacted);
    }

    /** Scans free text that will be shown with the template (a title, a description), reported under {@code path}. */
    List<Finding> scanText(String path, String text) {
        List<Finding> findings = new ArrayList<>();
        if (text != null) {
            redactString(text, path, findings);
        }
        return findings;
    }

    private JsonNode walk(JsonNode node, String path, String key, List<Finding> findings) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            if ("$".equals(path) && node.has("pinData") && hasContent(node.get("pinData"))) {
                findings.add(new Finding("$.pinData", "pinned-data", "pinned test data from a real run"));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            String pairName = node.path("name").isString() ? node.path("name").asString() : null;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String childPath = child(path, e.getKey());
                if ("$".equals(path) && "pinData".equals(e.getKey()) && hasContent(e.getValue())) {
                    copy.set(e.getKey(), JsonNodeFactory.instance.objectNode());
                    continue;
                }
                // {"name": "Authorization", "value": "..."} pairs, as HTTP nodes store headers and query parameters.
                String effectiveKey = "value".equals(e.getKey()) && pairName != null ? pairName : e.getKey();
                copy.set(e.getKey(), walk(e.getValue(), childPath, effectiveKey, findings));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            for (JsonNode element : node) {
                copy.add(walk(element, path + "[" + i++ + "]", key, findings));
            }
            return copy;
        }
        if (node.isString()) {
            String value = node.asString();
            int before = findings.size();
            String cleaned = redactString(value, path, findings);
            if (findings.size() == before && key != null && isSecretFieldName(key) && isLiteralSecret(value)) {
                findings.add(new Finding(path, "credential-field", "literal value of the secret field '" + key + "'"));
                cleaned = "[redacted:credential-field]";
            }
            return JsonNodeFactory.instance.stringNode(cleaned);
        }
        return node.deepCopy();
    }

    private String redactString(String value, String path, List<Finding> findings) {
        List<Hit> hits = new ArrayList<>();
        for (Detector d : DETECTORS) {
            Matcher m = d.pattern().matcher(value);
            while (m.find()) {
                String secret = m.group(d.group());
                if (secret != null && !isExpression(secret) && d.accept().test(secret)) {
                    hits.add(new Hit(m.start(d.group()), m.end(d.group()), d));
                }
            }
        }
        if (hits.isEmpty()) {
            return value;
        }
        // Earlier and longer matches win; a match inside another (a JWT inside a bearer header) is reported once.
        hits.sort(Comparator.comparingInt(Hit::start).thenComparing(Comparator.comparingInt(Hit::end).reversed()));
        StringBuilder out = new StringBuilder();
        int cursor = 0;
        for (Hit hit : hits) {
            if (hit.start() < cursor) {
                continue;
            }
            findings.add(new Finding(path, hit.detector().kind(), hit.detector().label()));
            out.append(value, cursor, hit.start()).append("[redacted:").append(hit.detector().kind()).append(']');
            cursor = hit.end();
        }
        out.append(value.substring(cursor));
        return out.toString();
    }

    static boolean isSecretFieldName(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (k.endsWith("pagetoken") || k.endsWith("nexttoken") || k.endsWith("csrftoken") && k.length() > 20) {
            return false;
        }
        for (String ending : SECRET_FIELD_ENDINGS) {
            if (k.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLiteralSecret(String value) {
        String v = value.trim();
        return v.length() >= 4 && v.length() <= 500 && !isExpression(v) && !isPlaceholder(v);
    }

    /** n8n expressions, template placeholders and environment lookups: they point at a secret, they are not one. */
    private static boolean isExpression(String v) {
        return v.startsWith("=") || v.contains("{{") || v.contains("${") || v.contains("$env") || v.contains("$credentials")
                || v.contains("$vars") || v.contains("$secrets");
    }

    static boolean isPlaceholder(String value) {
        String v = value.trim();
        return v.isEmpty() || PLACEHOLDER.matcher(v).matches() || ENV_NAME.matcher(v).matches() || isExpression(v)
                || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    private static boolean hasContent(JsonNode node) {
        return node != null && !node.isNull() && !(node.isContainer() && node.isEmpty()) && !(node.isString() && node.asString().isBlank());
    }

    private static boolean mixedCaseWithDigits(String v) {
        return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isUpperCase) && v.chars().anyMatch(Character::isLowerCase);
    }

    /** Random-looking: letters and digits mixed, not an English word run such as "placeholder-value-here". */
    private static boolean looksRandom(String v) {
        return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter) && !isPlaceholder(v);
    }

    private static boolean isJwt(String v) {
        String header = v.substring(0, v.indexOf('.'));
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
            return decoded.startsWith("{") && decoded.contains("\"alg\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBasicCredentials(String v) {
        try {
            String decoded = new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && colon < decoded.length() - 1 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                    && !isPlaceholder(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String child(String path, String key) {
        return key.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? path + "." + key : path + "['" + key.replace("'", "\\'") + "']";
    }
}
