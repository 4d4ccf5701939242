package dev.flywheel.webhooks;

import dev.flywheel.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST Hooks (the subscription pattern Zapier, Make and n8n use for instant triggers): the platform
 * subscribes a target URL to one event type when a user turns a trigger on, and unsubscribes when
 * it is turned off. The sample payload for a trigger's field mapping is
 * {@code GET /api/v1/event-types/{type}/sample}. Deliveries are ordinary signed webhooks; a target
 * answering 410 Gone is unsubscribed.
 */
@RestController
@RequestMapping("/api/v1/rest-hooks")
@Tag(name = "REST Hooks", description = "Subscribe and unsubscribe for automation platforms (Zapier, Make, n8n)")
class RestHooksApi {

    @Schema(example = """
            {"target_url": "https://hooks.zapier.com/hooks/standard/123/abc", "event": "deal.closed_won"}""")
    record Subscribe(@NotBlank @Size(max = 2000) String targetUrl, @NotBlank @Size(max = 100) String event) {
    }

    record Subscription(String id, String object, String targetUrl, String event, String secret) {
    }

    private final WebhookEndpoints service;

    RestHooksApi(WebhookEndpoints service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Subscribe a target URL to an event type",
            description = "Creates a webhook endpoint (origin `rest_hook`) for one event type and answers 201 with its `id`, which the "
                    + "platform keeps to unsubscribe. Owner keys.")
    ResponseEntity<Subscription> subscribe(@Valid @RequestBody Subscribe body, Caller caller) {
        caller.requireOwnerAdmin();
        WebhookEndpoints.Created created = service.create(caller.organizationId(), caller.mode(), body.targetUrl(), List.of(body.event().trim()),
                "REST hook subscription", null, "rest_hook");
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Subscription(created.endpoint().id(), "rest_hook", created.endpoint().url(), body.event().trim(), created.secret()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Unsubscribe", description = "Deletes the subscription; nothing more is delivered to its target. Answers 204.")
    ResponseEntity<Void> unsubscribe(@PathVariable String id, Caller caller) {
        caller.requireOwnerAdmin();
        service.delete(service.require(id, caller));
        return ResponseEntity.noContent().build();
    }
}
