package dev.flywheel.webhooks;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/webhook-endpoints")
@Tag(name = "Webhook endpoints", description = "URLs that receive events, signed per the Standard Webhooks specification")
class WebhookEndpointsApi {

    @Schema(example = """
            {"url": "https://hooks.example.com/flywheel", "event_types": ["deal.closed_won"], "description": "CRM sync"}""")
    record CreateBody(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 200) @Schema(description = "Event types to receive; [\"*\"] for every type") List<String> eventTypes,
            @Size(max = 500) String description,
            @Schema(description = "Most deliveries per second to this endpoint; none when absent") Integer rateLimit,
            @Size(max = 200) @Schema(description = PINS) Map<String, Integer> pinnedVersions,
            @Size(max = 40) @Schema(description = "The partner app the endpoint is for, when a partner key or admin creates it; "
                    + "implied by an app's client-credentials token") String appId) {
    }

    static final String PINS = "Event type to schema version, e.g. {\"deal.closed_won\": 1}: events of a newer version are delivered "
            + "as the pinned version when they satisfy its schema once undeclared fields are dropped; otherwise the delivery fails "
            + "at once with the reason (raise the pin, then resend). `schema_version` in each delivery says which version its data "
            + "conforms to.";

    record UpdateBody(@Size(max = 2000) String url, @Size(max = 200) List<String> eventTypes, @Size(max = 500) String description,
            @Schema(description = "0 removes the limit") Integer rateLimit,
            @Schema(description = "enabled or disabled; enabling clears the failure streak") EndpointStatus status,
            @Size(max = 200) @Schema(description = "Replaces every pin; {} removes them. " + PINS) Map<String, Integer> pinnedVersions) {
    }

    record RecoverBody(@NotNull @Schema(description = "Failed messages queued at or after this time go out again") Instant since) {
    }

    record EndpointView(String id, String object, String url, List<String> eventTypes, String description, String status,
            String disabledReason, String mode, Integer rateLimit, String origin, Instant failingSince, Map<String, Integer> pinnedVersions, Instant createdAt, Instant updatedAt,
            @Schema(description = "The partner app whose endpoint it is; null for the owner's own") String appId,
            String secret) {
        static EndpointView of(Endpoint e, String secret) {
            return new EndpointView(e.id(), "webhook_endpoint", e.url(), e.eventTypes(), e.description(), e.status().wire(),
                    e.disabledReason(), e.mode().wire(), e.rateLimit(), e.origin(), e.failingSince(), e.pinnedVersions(), e.createdAt(), e.updatedAt(),
                    e.appId(), secret);
        }
    }

    record SecretView(String object, String secret, Instant previousSecretExpiresAt) {
    }

    record AttemptView(String id, Instant attemptedAt, Integer statusCode, long latencyMs, String outcome, String error, String responseExcerpt) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.id(), a.attemptedAt(), a.statusCode(), a.latencyMillis(), a.outcome(), a.error(), a.responseExcerpt());
        }
    }

    record DeliveryView(String id, String object, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
            Instant createdAt, Instant deliveredAt, Integer lastStatusCode, String lastError, List<AttemptView> attemptLog) {
        static DeliveryView of(Delivery d, List<AttemptView> attempts) {
            return new DeliveryView(d.id(), "webhook_delivery", d.eventId(), d.eventType(), d.status().wire(), d.attempts(),
                    d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.createdAt(), d.deliveredAt(), d.lastStatusCode(),
                    d.lastError(), attempts);
        }
    }

    record RecoveredView(String object, int recovered) {
    }

    private final WebhookEndpoints service;
    private final DeliveryQueue queue;

    WebhookEndpointsApi(WebhookEndpoints service, DeliveryQueue queue) {
        this.service = service;
        this.queue = queue;
    }

    @PostMapping
    @Operation(summary = "Create a webhook endpoint",
            description = "Answers 201 with the endpoint and its signing secret `whsec_…` (Standard Webhooks). The URL must be https "
                    + "for live-mode endpoints and must not resolve to a private or loopback address. Events of the listed types, in "
                    + "the calling key's mode, are delivered from now on. Owner keys and owner admins create the owner's own endpoints. "
                    + "A partner app's endpoint is created with the app's client-credentials token (scope webhooks:write), or by a partner "
                    + "key or admin naming `app_id`: it receives only the events of customer accounts that have the app installed, of the "
                    + "types the install's consented scopes allow (`deal.*` needs deals:read, any product type events:read; Flywheel's own "
                    + "types never); types the app's declared scopes can never allow are refused.")
    ResponseEntity<EndpointView> create(@Valid @RequestBody CreateBody body, Caller caller) {
        dev.flywheel.developer.App app = service.appForCreate(caller, body.appId());
        Map<String, Integer> pins = body.pinnedVersions() == null ? Map.of() : body.pinnedVersions();
        String origin = caller.isApiKey() ? "api" : "console";
        WebhookEndpoints.Created created = app == null
                ? service.create(caller.organizationId(), caller.mode(), body.url(), body.eventTypes(), body.description(), body.rateLimit(),
                        pins, origin)
                : service.createForApp(app, body.url(), body.eventTypes(), body.description(), body.rateLimit(), pins, origin);
        return ResponseEntity.status(HttpStatus.CREATED).body(EndpointView.of(created.endpoint(), created.secret()));
    }

    @GetMapping
    @Operation(summary = "List webhook endpoints", description = "Newest first, cursor-paged; secrets are never listed. The owner sees its own "
            + "endpoints; a partner its apps' (`app_id` narrows to one app; an app's token sees only its own).")
    CursorPage<EndpointView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "app_id", required = false) String appId, Caller caller) {
        return service.page(caller, appId, PageQuery.of(limit, startingAfter)).map(e -> EndpointView.of(e, null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a webhook endpoint")
    EndpointView get(@PathVariable String id, Caller caller) {
        return EndpointView.of(service.require(id, caller), null);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a webhook endpoint", description = "URL, event types, description, rate limit, or status (enable / disable).")
    EndpointView update(@PathVariable String id, @Valid @RequestBody UpdateBody body, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        Endpoint endpoint = service.require(id, caller);
        return EndpointView.of(service.update(endpoint,
                new WebhookEndpoints.Changes(body.url(), body.eventTypes(), body.description(), body.rateLimit(), body.status(),
                        body.pinnedVersions())), null);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a webhook endpoint", description = "Stops delivery at once and deletes its queue and delivery log.")
    ResponseEntity<Void> delete(@PathVariable String id, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        service.delete(service.require(id, caller));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/secret")
    @Operation(summary = "Reveal the signing secret", description = "The current secret. Recorded in the audit log. Owner admins (partner admins, keys and app tokens for app endpoints).")
    SecretView secret(@PathVariable String id, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        return new SecretView("webhook_secret", service.reveal(service.require(id, caller)), null);
    }

    @PostMapping("/{id}/secret/rotate")
    @Operation(summary = "Rotate the signing secret",
            description = "A new secret signs from now on. The previous one keeps signing until `previous_secret_expires_at` "
                    + "(24 hours by default): meanwhile every delivery carries both signatures, so receivers can switch without loss.")
    SecretView rotate(@PathVariable String id, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        WebhookEndpoints.Rotated rotated = service.rotate(service.require(id, caller));
        return new SecretView("webhook_secret", rotated.secret(), rotated.previousExpiresAt());
    }

    @PostMapping("/{id}/test")
    @Operation(summary = "Send a test message", description = "Queues a `webhook.test` message for this endpoint only; answers 202 with the delivery.")
    ResponseEntity<DeliveryView> test(@PathVariable String id, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        Delivery delivery = service.sendTest(service.require(id, caller));
        return ResponseEntity.accepted().body(DeliveryView.of(delivery, List.of()));
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "Delivery log of an endpoint",
            description = "Messages queued for the endpoint, newest first, cursor-paged, optionally by `status` (pending, sending, "
                    + "delivered, failed, cancelled: queued for a partner app's install that ended before it went out). Each delivery's attempts are at /deliveries/{delivery_id}.")
    CursorPage<DeliveryView> deliveries(@PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String startingAfter,
            Caller caller) {
        Endpoint endpoint = service.require(id, caller);
        return queue.page(endpoint.id(), parseStatus(status), PageQuery.of(limit, startingAfter)).map(d -> DeliveryView.of(d, null));
    }

    private static DeliveryStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw dev.flywheel.platform.web.ApiException.invalid("status", "must be one of pending, sending, delivered, failed, cancelled");
        }
    }

    @GetMapping("/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with every attempt", description = "Status code, latency and the first 20 KB of each response.")
    DeliveryView delivery(@PathVariable String id, @PathVariable String deliveryId, Caller caller) {
        Delivery d = service.requireDelivery(service.require(id, caller), deliveryId);
        return DeliveryView.of(d, queue.attempts(d.id()).stream().map(AttemptView::of).toList());
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/resend")
    @Operation(summary = "Resend one message", description = "Puts a delivered or failed message back in the queue, with a fresh retry schedule.")
    ResponseEntity<DeliveryView> resend(@PathVariable String id, @PathVariable String deliveryId, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        Delivery d = service.resend(service.require(id, caller), deliveryId);
        return ResponseEntity.accepted().body(DeliveryView.of(d, null));
    }

    @PostMapping("/{id}/recover")
    @Operation(summary = "Recover failed messages", description = "Every message that failed for this endpoint since the given time is sent again.")
    ResponseEntity<RecoveredView> recover(@PathVariable String id, @Valid @RequestBody RecoverBody body, Caller caller) {
        WebhookEndpoints.requireWriter(caller);
        int count = service.recover(service.require(id, caller), body.since());
        return ResponseEntity.accepted().body(new RecoveredView("recovery", count));
    }
}
