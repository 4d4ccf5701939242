package dev.flywheel.developer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

/** The OpenAPI document the server publishes passes a standard validator (swagger-parser, OpenAPI 3.1). */
class OpenApiDocumentTest extends IntegrationTest {

    @Test
    void theOpenApiDocumentHasNoValidationErrors() {
        Api.Response doc = api().get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.body(), null, options);
        assertThat(result.getMessages()).as("validator messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/apps", "/api/v1/scopes", "/api/v1/api-versions",
                "/api/v1/api-versions/{version}/deprecation", "/api/v1/rate-limits/plans", "/api/v1/sandbox", "/api/v1/api-keys/{id}/rotate");
    }
}
