package dev.flywheel.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String> changes(String before, String after) {
        JsonNode a = JSON.readTree(before);
        JsonNode b = JSON.readTree(after);
        return SchemaCompatibility.breakingChanges(a, b).stream().map(c -> c.path() + ":" + c.kind()).toList();
    }

    private static String obj(String properties, String... required) {
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + String.join(",", List.of(required).stream()
                .map(r -> "\"" + r + "\"").toList()) + "]}";
    }

    @Test
    void addingAnOptionalPropertyIsNotBreaking() {
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}"), obj("\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"integer\"}"))).isEmpty();
    }

    @Test
    void removingAPropertyIsBreaking() {
        assertThat(changes(obj("\"a\":{\"type\":\"string\"},\"b\":{}"), obj("\"a\":{\"type\":\"string\"}"))).containsExactly("b:removed");
    }

    @Test
    void changingATypeIsBreaking() {
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}"), obj("\"a\":{\"type\":\"integer\"}"))).containsExactly("a:retyped");
    }

    @Test
    void wideningATypeIsBreakingNarrowingIsNot() {
        assertThat(changes(obj("\"a\":{\"type\":\"integer\"}"), obj("\"a\":{\"type\":\"number\"}"))).containsExactly("a:retyped");
        assertThat(changes(obj("\"a\":{\"type\":\"number\"}"), obj("\"a\":{\"type\":\"integer\"}"))).isEmpty();
        assertThat(changes(obj("\"a\":{\"type\":[\"string\",\"null\"]}"), obj("\"a\":{\"type\":\"string\"}"))).isEmpty();
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}"), obj("\"a\":{\"type\":[\"string\",\"null\"]}"))).containsExactly("a:retyped");
    }

    @Test
    void droppingTheTypeConstraintIsBreaking() {
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}"), obj("\"a\":{}"))).containsExactly("a:retyped");
    }

    @Test
    void makingARequiredPropertyOptionalIsBreaking() {
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}", "a"), obj("\"a\":{\"type\":\"string\"}"))).containsExactly("a:no_longer_required");
        assertThat(changes(obj("\"a\":{\"type\":\"string\"}"), obj("\"a\":{\"type\":\"string\"}", "a"))).isEmpty();
    }

    @Test
    void comparesNestedObjectsAndArrayItems() {
        String before = obj("\"customer\":" + obj("\"id\":{\"type\":\"string\"},\"tier\":{\"type\":\"string\"}")
                + ",\"lines\":{\"type\":\"array\",\"items\":" + obj("\"sku\":{\"type\":\"string\"}") + "}");
        String after = obj("\"customer\":" + obj("\"id\":{\"type\":\"integer\"}")
                + ",\"lines\":{\"type\":\"array\",\"items\":" + obj("\"qty\":{\"type\":\"integer\"}") + "}");
        assertThat(changes(before, after)).containsExactlyInAnyOrder("customer.id:retyped", "customer.tier:removed", "lines[].sku:removed");
    }

    @Test
    void identicalSchemasHaveNoChanges() {
        String schema = obj("\"a\":{\"type\":\"string\"},\"b\":" + obj("\"c\":{\"type\":\"boolean\"}", "c"), "a");
        assertThat(changes(schema, schema)).isEmpty();
    }

    @Test
    void retypingTheRootIsBreaking() {
        assertThat(changes("{\"type\":\"object\"}", "{\"type\":\"array\"}")).containsExactly(":retyped");
    }
}
