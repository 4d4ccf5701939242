package dev.flywheel.webhooks;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.events.EventPayload;
import dev.flywheel.events.EventType;
import dev.flywheel.events.Events;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Managing endpoints: create (with a new signing secret, shown in the response and encrypted at
 * rest), update, enable/disable, delete, reveal and rotate the secret, send a test message, resend
 * and recover deliveries. Every change is in the audit log.
 *
 * <p>Who manages which endpoints: the owner (owner admins and owner keys) its own; a partner its
 * apps' endpoints — through the app's client-credentials token (that app's endpoints only), or a
 * partner key or admin naming the app. Anything else is not found, so ids of other organizations'
 * or other apps' endpoints reveal nothing.
 */
@Service
class WebhookEndpoints {

    /** A new endpoint and its secret, which only this answer (and the reveal action) shows. */
    record Created(Endpoint endpoint, String secret) {
    }

    /** The new secret of a rotation, and until when the previous one still signs. */
    record Rotated(String secret, Instant previousExpiresAt) {
    }

    /** What may change on an endpoint; null leaves a field as it is. */
    /** What to change; null leaves a field as it is ({@code pinnedVersions}: an empty map removes every pin). */
    record Changes(String url, List<String> eventTypes, String description, Integer rateLimit, EndpointStatus status,
            Map<String, Integer> pinnedVersions) {
    }

    private static final int MAX_RATE = 10_000;

    private final EndpointRepository endpoints;
    private final DeliveryQueue queue;
    private final SecretBox box;
    private final AddressGuard guard;
    private final Events events;
    private final AuditLog audit;
    private final WebhooksProperties properties;
    private final ObjectProvider<Dispatcher> dispatcher;
    private final JsonMapper json;
    private final Clock clock;
    private final Apps apps;
    private final AppSubscriptionRepository subscriptions;

    WebhookEndpoints(EndpointRepository endpoints, DeliveryQueue queue, SecretBox box, AddressGuard guard, Events events, AuditLog audit,
            WebhooksProperties properties, ObjectProvider<Dispatcher> dispatcher, JsonMapper json, Clock clock, Apps apps,
            AppSubscriptionRepository subscriptions) {
        this.apps = apps;
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
        this.queue = queue;
        this.box = box;
        this.guard = guard;
        this.events = events;
        this.audit = audit;
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    Created create(String organizationId, Mode mode, String url, List<String> eventTypes, String description, Integer rateLimit, String origin) {
        return create(organizationId, mode, url, eventTypes, description, rateLimit, Map.of(), origin);
    }

    @Transactional
    Created create(String organizationId, Mode mode, String url, List<String> eventTypes, String description, Integer rateLimit,
            Map<String, Integer> pinnedVersions, String origin) {
        return create(organizationId, null, mode, url, eventTypes, description, rateLimit, pinnedVersions, origin);
    }

    /**
     * Creates an endpoint of a partner app, subscribed at once to every current install of the app:
     * it receives the events of those customer accounts, of the types the install's scopes allow.
     * Types the app's declared scopes can never allow are refused.
     */
    @Transactional
    Created createForApp(App app, String url, List<String> eventTypes, String description, Integer rateLimit,
            Map<String, Integer> pinnedVersions, String origin) {
        if (!app.isActive()) {
            throw ApiException.unprocessable("App " + app.id() + " is disabled; a disabled app cannot receive webhooks.");
        }
        Created created = create(app.organizationId(), app, app.mode(), url, eventTypes, description, rateLimit, pinnedVersions, origin);
        Instant now = clock.instant();
        for (AppSubscriptionRepository.Install install : subscriptions.liveInstalls(app.id(), app.mode())) {
            subscriptions.subscribe(install, List.of(created.endpoint().id()), now);
        }
        return created;
    }

    private Created create(String organizationId, App app, Mode mode, String url, List<String> eventTypes, String description, Integer rateLimit,
            Map<String, Integer> pinnedVersions, String origin) {
        List<FieldError> errors = new ArrayList<>();
        String cleanUrl = url == null ? "" : url.trim();
        guard.problemWithUrl(cleanUrl, mode).ifPresent(p -> errors.add(new FieldError("url", p)));
        List<String> types = checkTypes(eventTypes, app, errors);
        Map<String, Integer> pins = checkPins(pinnedVersions, errors);
        checkRate(rateLimit, errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, "The endpoint cannot be created: " + summary(errors) + ".", errors);
        }
        Instant now = clock.instant();
        Endpoint endpoint = new Endpoint(Ids.next("whk"), organizationId, app == null ? null : app.id(), mode, cleanUrl, blankToNull(description), types, origin,
                EndpointStatus.ENABLED, null, rateLimit == null || rateLimit == 0 ? null : rateLimit, 1, null, pins, now, now);
        endpoints.insert(endpoint);
        String secret = Signatures.newSecret();
        endpoints.insertSecret(Ids.next("whs"), endpoint.id(), box.seal(secret, endpoint.id()), now);
        audit.record(organizationId, "webhook_endpoint.created", endpoint.id(), (app == null ? "" : "app " + app.id() + ": ") + cleanUrl
                + " (" + String.join(" ", types) + ")");
        return new Created(endpoint, secret);
    }

    /**
     * The endpoint if the caller may manage it: the caller's organization owns it in the caller's
     * mode, and for a partner it is an app endpoint (of the token's own app, for an app token);
     * otherwise not found.
     */
    Endpoint require(String id, Caller caller) {
        requireReader(caller);
        String tokenApp = tokenApp(caller);
        return endpoints.find(id)
                .filter(e -> e.organizationId().equals(caller.organizationId()) && e.mode() == caller.mode())
                .filter(e -> caller.isOwner() || e.forApp())
                .filter(e -> tokenApp == null || tokenApp.equals(e.appId()))
                .orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
    }

    /** The owner's own endpoints; a partner's app endpoints (one app's with {@code appId} or an app token). */
    CursorPage<Endpoint> page(Caller caller, String appId, PageQuery query) {
        requireReader(caller);
        String app = tokenApp(caller);
        if (appId != null && !appId.isBlank()) {
            App named = managedApp(caller, appId.trim());
            if (app != null && !app.equals(named.id())) {
                throw ApiException.notFound("app", appId);
            }
            app = named.id();
        }
        return endpoints.page(caller.organizationId(), caller.mode(), app, !caller.isOwner(), query);
    }

    /**
     * The app a create request is for: the token's own app, or the app the body names, which must
     * be the caller's organization's in the caller's mode. The owner without {@code app_id} creates its own endpoint (null).
     */
    App appForCreate(Caller caller, String appId) {
        requireWriter(caller);
        String tokenApp = tokenApp(caller);
        String wanted = appId == null || appId.isBlank() ? tokenApp : appId.trim();
        if (tokenApp != null && !tokenApp.equals(wanted)) {
            throw ApiException.invalid("app_id", "an app's token manages that app's endpoints only; leave app_id out or use " + tokenApp);
        }
        if (wanted == null) {
            if (caller.isOwner()) {
                return null;
            }
            throw ApiException.invalid("app_id", "name the app the endpoint is for (GET /api/v1/apps lists yours), or call with the app's "
                    + "client-credentials token");
        }
        return managedApp(caller, wanted);
    }

    /** The app id of an app's own client-credentials token; null for keys and users. A customer-granted token is refused. */
    static String tokenApp(Caller caller) {
        if (!caller.isApiKey() || !caller.actorId().startsWith("app_")) {
            return null;
        }
        if (caller.access().accountId() != null) {
            throw ApiException.forbidden("This token was granted by one customer account; manage webhook endpoints with the app's "
                    + "client-credentials token (grant_type=client_credentials) or a partner API key.");
        }
        return caller.actorId();
    }

    /** Partners and the owner read; customers have no endpoints. */
    static void requireReader(Caller caller) {
        if (caller.organizationKind() == OrganizationKind.CUSTOMER) {
            throw ApiException.forbidden("Customer accounts have no webhook endpoints; apps they install receive their events.");
        }
        if (caller.isOwner()) {
            caller.requireOwner();
        }
    }

    /** Owner admins and keys; partner admins, keys and app tokens. */
    static void requireWriter(Caller caller) {
        requireReader(caller);
        if (caller.isOwner()) {
            caller.requireOwnerAdmin();
        } else if (caller.role() != null && !caller.role().isAdmin()) {
            throw ApiException.forbidden("Only an admin of your organization (or its API key, or the app's token) may change webhook endpoints.");
        }
    }

    private App managedApp(Caller caller, String appId) {
        App app = apps.find(appId).filter(a -> a.organizationId().equals(caller.organizationId()) && a.mode() == caller.mode())
                .orElseThrow(() -> ApiException.notFound("app", appId));
        return app;
    }

    /** How many customer accounts an app endpoint delivers for right now. */
    long activeSubscriptions(Endpoint endpoint) {
        return endpoint.forApp() ? subscriptions.activeCount(endpoint.id()) : 0;
    }

    @Transactional
    Endpoint update(Endpoint endpoint, Changes changes) {
        List<FieldError> errors = new ArrayList<>();
        String url = changes.url() == null ? endpoint.url() : changes.url().trim();
        if (changes.url() != null) {
            guard.problemWithUrl(url, endpoint.mode()).ifPresent(p -> errors.add(new FieldError("url", p)));
        }
        App app = endpoint.forApp() ? apps.find(endpoint.appId()).orElseThrow() : null;
        List<String> types = changes.eventTypes() == null ? endpoint.eventTypes() : checkTypes(changes.eventTypes(), app, errors);
        Map<String, Integer> pins = changes.pinnedVersions() == null ? endpoint.pinnedVersions() : checkPins(changes.pinnedVersions(), errors);
        checkRate(changes.rateLimit(), errors);
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION, "The endpoint cannot be changed: " + summary(errors) + ".", errors);
        }
        Instant now = clock.instant();
        Integer rate = changes.rateLimit() == null ? endpoint.rateLimit() : changes.rateLimit() == 0 ? null : changes.rateLimit();
        String description = changes.description() == null ? endpoint.description() : blankToNull(changes.description());
        endpoints.update(new Endpoint(endpoint.id(), endpoint.organizationId(), endpoint.appId(), endpoint.mode(), url, description, types,
                endpoint.origin(), endpoint.status(), endpoint.disabledReason(), rate, endpoint.secretVersion(), endpoint.failingSince(),
                pins, endpoint.createdAt(), now), now);
        if (changes.status() != null && changes.status() != endpoint.status()) {
            endpoints.setStatus(endpoint.id(), changes.status(), changes.status() == EndpointStatus.DISABLED ? "disabled by a user" : null, now);
            audit.record(endpoint.organizationId(), "webhook_endpoint." + changes.status().wire(), endpoint.id(), url);
        }
        audit.record(endpoint.organizationId(), "webhook_endpoint.updated", endpoint.id(), url + " (" + String.join(" ", types) + ")");
        dispatcher.ifAvailable(Dispatcher::wake);
        return endpoints.find(endpoint.id()).orElseThrow();
    }

    @Transactional
    void delete(Endpoint endpoint) {
        endpoints.delete(endpoint.id());
        audit.record(endpoint.organizationId(), "webhook_endpoint.deleted", endpoint.id(), endpoint.url());
    }

    @Transactional
    String reveal(Endpoint endpoint) {
        audit.record(endpoint.organizationId(), "webhook_endpoint.secret_revealed", endpoint.id(), endpoint.url());
        List<EndpointRepository.StoredSecret> secrets = endpoints.signingSecrets(endpoint.id(), clock.instant());
        return box.open(secrets.get(0).ciphertext(), endpoint.id());
    }

    /** A new secret signs from now on; the previous one keeps signing (both signatures are sent) for the overlap. */
    @Transactional
    Rotated rotate(Endpoint endpoint) {
        Instant now = clock.instant();
        Instant previousExpires = now.plus(properties.rotationOverlap());
        endpoints.retireCurrentSecret(endpoint.id(), previousExpires, now);
        String secret = Signatures.newSecret();
        endpoints.insertSecret(Ids.next("whs"), endpoint.id(), box.seal(secret, endpoint.id()), now);
        audit.record(endpoint.organizationId(), "webhook_endpoint.secret_rotated", endpoint.id(),
                "previous secret signs until " + previousExpires);
        return new Rotated(secret, previousExpires);
    }

    /** Queues a {@code webhook.test} message for this endpoint only (not in the event log); returns the delivery. */
    @Transactional
    Delivery sendTest(Endpoint endpoint) {
        Instant now = clock.instant();
        String eventId = Ids.next("evt");
        String payload = json.writeValueAsString(EventPayload.of(json, eventId, "webhook.test", 1, now, endpoint.mode().wire(), null, null,
                "flywheel", null, json.valueToTree(Map.of("message", "This is a test webhook from Flywheel."))));
        Delivery delivery = new Delivery(Ids.next("whd"), endpoint.id(), eventId, "webhook.test", null, payload, DeliveryStatus.PENDING, 0, 0,
                now, now, null, null, null);
        queue.enqueue(List.of(delivery));
        dispatcher.ifAvailable(Dispatcher::wake);
        return delivery;
    }

    Delivery requireDelivery(Endpoint endpoint, String deliveryId) {
        return queue.find(deliveryId).filter(d -> d.endpointId().equals(endpoint.id()))
                .orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
    }

    @Transactional
    Delivery resend(Endpoint endpoint, String deliveryId) {
        Delivery delivery = requireDelivery(endpoint, deliveryId);
        if (!delivery.status().canBecome(DeliveryStatus.PENDING)) {
            throw ApiException.conflict("Delivery " + deliveryId + " is " + delivery.status().wire()
                    + (delivery.status() == DeliveryStatus.CANCELLED ? "; it was cancelled because the customer's install ended and is never sent."
                            : "; only delivered or failed messages can be resent. It will be attempted on its own schedule."));
        }
        if (!queue.resend(delivery.id(), clock.instant())) {
            throw ApiException.conflict("Delivery " + deliveryId + " cannot be resent: it is " + queue.find(deliveryId).map(d -> d.status().wire())
                    .orElse("gone") + (delivery.subscriptionId() != null ? ", or the customer account it is for no longer has the app installed" : "") + ".");
        }
        audit.record(endpoint.organizationId(), "webhook_delivery.resent", delivery.id(), delivery.eventType() + " " + delivery.eventId());
        dispatcher.ifAvailable(Dispatcher::wake);
        return queue.find(deliveryId).orElseThrow();
    }

    @Transactional
    int recover(Endpoint endpoint, Instant since) {
        int count = queue.recover(endpoint.id(), since, clock.instant());
        audit.record(endpoint.organizationId(), "webhook_endpoint.recovered", endpoint.id(), count + " failed messages since " + since);
        dispatcher.ifAvailable(Dispatcher::wake);
        return count;
    }

    /** Each type must be in the catalog; for an app's endpoint also a product type its declared scopes can allow. */
    private List<String> checkTypes(List<String> eventTypes, App app, List<FieldError> errors) {
        if (eventTypes == null || eventTypes.isEmpty()) {
            errors.add(new FieldError("event_types", "must list at least one event type (or \"*\" for all)"));
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String t : eventTypes) {
            String type = t == null ? "" : t.trim();
            types.add(type);
            if (type.equals(Endpoint.ALL_TYPES)) {
                continue;
            }
            java.util.Optional<EventType> known = events.type(type);
            if (known.isEmpty()) {
                errors.add(new FieldError("event_types", "'" + type + "' is not in the event catalog (GET /api/v1/event-types lists them)"));
            } else if (app != null && EventScopes.isFlywheelOrigin(known.get().origin())) {
                errors.add(new FieldError("event_types", "'" + type + "' is one of Flywheel's own events, delivered to the owner only; "
                        + "an app receives the product events of the accounts that installed it"));
            } else if (app != null) {
                EventScopes.missing(type, app.scopes()).ifPresent(needed -> errors.add(new FieldError("event_types", "'" + type
                        + "' needs the scope " + String.join(" or ", needed) + ", which app " + app.id() + " does not declare (it declares "
                        + (app.scopes().isEmpty() ? "none" : String.join(" ", app.scopes())) + "); add the scope to the app or drop the type")));
            }
        }
        return List.copyOf(types);
    }

    /** Each pinned type must be in the catalog and have the pinned version. */
    private Map<String, Integer> checkPins(Map<String, Integer> pinnedVersions, List<FieldError> errors) {
        if (pinnedVersions == null || pinnedVersions.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> pins = new TreeMap<>();
        pinnedVersions.forEach((type, version) -> {
            String name = type == null ? "" : type.trim();
            if (!events.typeExists(name)) {
                errors.add(new FieldError("pinned_versions." + name, "is not in the event catalog (GET /api/v1/event-types lists them)"));
            } else if (version == null || !events.versionExists(name, version)) {
                errors.add(new FieldError("pinned_versions." + name, "has no schema version " + version
                        + " (GET /api/v1/event-types/" + name + "/versions lists them)"));
            } else {
                pins.put(name, version);
            }
        });
        return Map.copyOf(pins);
    }

    private static void checkRate(Integer rateLimit, List<FieldError> errors) {
        if (rateLimit != null && (rateLimit < 0 || rateLimit > MAX_RATE)) {
            errors.add(new FieldError("rate_limit", "must be between 1 and " + MAX_RATE + " deliveries per second (0 removes the limit)"));
        }
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
