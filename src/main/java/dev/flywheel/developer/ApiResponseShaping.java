package dev.flywheel.developer;

import dev.flywheel.identity.Access;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.ApiPaths;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shapes JSON responses of the public API after the controller answered, so every endpoint gets
 * the same treatment without knowing about it:
 * <ul>
 * <li><b>withheld fields</b>: a credential whose grant withholds {@code resource.field} (e.g.
 * {@code accounts.domain}) never sees that field in responses of that resource, neither in a
 * single object nor in a list's items;</li>
 * <li><b>account restriction</b>: a token a customer granted sees only its own account among
 * {@code accounts}, and only items whose {@code account} is its account elsewhere;</li>
 * <li><b>v2 lists</b>: in {@code /api/v2} a list is {@code {"object":"list","items":[…],"next_cursor":…}}
 * instead of v1's {@code {"data":[…],"has_more":…,"next_starting_after":…}}.</li>
 * </ul>
 */
@RestControllerAdvice
class ApiResponseShaping implements ResponseBodyAdvice<Object> {

    private final JsonMapper json;
    private final Organizations organizations;

    ApiResponseShaping(JsonMapper json, Organizations organizations) {
        this.json = json;
        this.organizations = organizations;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body == null || !(request instanceof ServletServerHttpRequest servlet) || contentType == null
                || !contentType.getSubtype().contains("json") || contentType.getSubtype().contains("problem")) {
            return body;
        }
        HttpServletRequest http = servlet.getServletRequest();
        String path = ApiPaths.pathOf(http);
        if (!ApiPaths.isApi(path)) {
            return body;
        }
        boolean v2 = "v2".equals(http.getAttribute(ApiVersionFilter.VERSION)) && body instanceof CursorPage<?>;
        Access access = Caller.from(SecurityContextHolder.getContext().getAuthentication()).map(Caller::access).orElse(Access.FULL);
        String resource = ScopeRules.catalogResourceOf(path).orElse(null);
        Set<String> withheld = resource == null ? Set.of() : access.withheldOf(resource);
        boolean restricted = access.accountId() != null;
        if (!v2 && withheld.isEmpty() && !restricted) {
            return body;
        }
        JsonNode tree = body instanceof JsonNode node ? node : json.valueToTree(body);
        if (!withheld.isEmpty() || restricted) {
            String externalId = restricted ? organizations.find(access.accountId()).map(Organization::externalId).orElse(null) : null;
            tree = restrict(tree, withheld, restricted, "accounts".equals(resource), access.accountId(), externalId);
        }
        if (v2 && tree instanceof ObjectNode page && page.has("data")) {
            ObjectNode list = json.createObjectNode();
            list.put("object", "list");
            list.set("items", page.get("data"));
            JsonNode next = page.get("next_starting_after");
            if (next == null || next.isNull()) {
                list.putNull("next_cursor");
            } else {
                list.set("next_cursor", next);
            }
            tree = list;
        }
        return tree;
    }

    private static JsonNode restrict(JsonNode tree, Set<String> withheld, boolean restricted, boolean accounts, String accountId,
            String externalId) {
        if (tree instanceof ObjectNode object && object.get("data") instanceof ArrayNode items) {
            ArrayNode kept = items.arrayNode();
            for (JsonNode item : items) {
                if (!restricted || visible(item, accounts, accountId, externalId)) {
                    kept.add(strip(item, withheld));
                }
            }
            object.set("data", kept);
            return object;
        }
        if (restricted && !visible(tree, accounts, accountId, externalId)) {
            throw ApiException.notFound(accounts ? "customer account" : "resource", "outside this token's account");
        }
        return strip(tree, withheld);
    }

    private static boolean visible(JsonNode item, boolean accounts, String accountId, String externalId) {
        if (!(item instanceof ObjectNode object)) {
            return true;
        }
        if (accounts) {
            return object.has("id") && accountId.equals(object.get("id").asString());
        }
        JsonNode account = object.get("account");
        return account == null || account.isNull() || (externalId != null && externalId.equals(account.asString()));
    }

    private static JsonNode strip(JsonNode item, Set<String> withheld) {
        if (item instanceof ObjectNode object) {
            withheld.forEach(object::remove);
        }
        return item;
    }
}
