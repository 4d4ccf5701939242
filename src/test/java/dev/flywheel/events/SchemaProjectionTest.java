package dev.flywheel.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaProjectionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void dropsTopLevelMembersTheSchemaDoesNotDeclare() {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"integer\"}}}");
        assertThat(SchemaProjection.project(schema, json("{\"amount\":5,\"currency\":\"EUR\"}"))).isEqualTo(json("{\"amount\":5}"));
    }

    @Test
    void dropsUndeclaredMembersOfNestedObjectsAndArrayItems() {
        JsonNode schema = json("""
                {"type":"object","properties":{"deal":{"type":"object","properties":{"id":{"type":"string"}}},
                 "lines":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"}}}}}}""");
        JsonNode data = json("""
                {"deal":{"id":"d1","stage":"won"},"lines":[{"sku":"a","qty":2},{"sku":"b"}],"extra":true}""");
        assertThat(SchemaProjection.project(schema, data)).isEqualTo(json("{\"deal\":{\"id\":\"d1\"},\"lines\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}"));
    }

    @Test
    void keepsEverythingWhereTheSchemaDeclaresNoProperties() {
        JsonNode data = json("{\"a\":1,\"b\":{\"c\":2}}");
        assertThat(SchemaProjection.project(json("{\"type\":\"object\"}"), data)).isEqualTo(data);
        assertThat(SchemaProjection.project(json("true"), data)).isEqualTo(data);
    }

    @Test
    void neverChangesValuesOrTheInput() {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"integer\"}}}");
        JsonNode data = json("{\"amount\":\"12\",\"note\":\"x\"}");
        assertThat(SchemaProjection.project(schema, data)).isEqualTo(json("{\"amount\":\"12\"}"));
        assertThat(data).isEqualTo(json("{\"amount\":\"12\",\"note\":\"x\"}"));
    }
}
