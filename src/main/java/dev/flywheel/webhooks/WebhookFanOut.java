package dev.flywheel.webhooks;

import dev.flywheel.events.EventFanOut;
import dev.flywheel.events.EventPayload;
import dev.flywheel.events.Events;
import dev.flywheel.events.StoredEvent;
import dev.flywheel.events.VersionedData;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queues one delivery per (event, subscribed endpoint of the event's mode), in the transaction that
 * stores the events: an accepted event is queued for every endpoint that wanted it at that moment,
 * or not stored at all. A partner app's endpoint gets an event only through an active
 * install-scoped subscription of the event's account, and only when the install's scopes allow
 * the type ({@link AppRouting}). The body is built once per event and kept with each delivery, so every
 * attempt and every resend sends the same bytes. While the local dispatcher has room, deliveries are
 * stored already claimed by it and handed to its workers after commit ({@link Dispatcher#reserve});
 * for the rest it is woken after commit to claim them.
 */
@Component
class WebhookFanOut implements EventFanOut {

    /** Looked up lazily: {@link Events} calls this fan-out, so it cannot be a constructor dependency. */
    private final ObjectProvider<Events> events;
    private final DeliveryQueue queue;
    private final EndpointRepository endpoints;
    private final JsonMapper json;
    private final ObjectProvider<Dispatcher> dispatcher;
    private final AppSubscriptionRepository subscriptions;

    WebhookFanOut(ObjectProvider<Events> events, DeliveryQueue queue, EndpointRepository endpoints, JsonMapper json, ObjectProvider<Dispatcher> dispatcher,
            AppSubscriptionRepository subscriptions) {
        this.events = events;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.endpoints = endpoints;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accepted(List<StoredEvent> events) {
        Map<Mode, List<Endpoint>> byMode = new EnumMap<>(Mode.class);
        Map<Mode, AppRouting> appRouting = new EnumMap<>(Mode.class);
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, Endpoint> endpointsById = new HashMap<>();
        for (StoredEvent event : events) {
            List<Endpoint> candidates = byMode.computeIfAbsent(event.mode(), endpoints::enabled);
            String payload = null;
            Map<Integer, VersionedData> asPinned = new HashMap<>();
            for (Endpoint endpoint : candidates) {
                if (!endpoint.subscribes(event.type())) {
                    continue;
                }
                String subscription = null;
                if (endpoint.forApp()) {
                    subscription = appRouting.computeIfAbsent(event.mode(), m -> AppRouting.load(m, events, subscriptions, this.events.getObject()))
                            .subscription(endpoint, event);
                    if (subscription == null) {
                        continue;
                    }
                }
                endpointsById.put(endpoint.id(), endpoint);
                Integer pinned = endpoint.pinnedVersion(event.type());
                if (pinned != null && pinned < event.schemaVersion()) {
                    VersionedData data = asPinned.computeIfAbsent(pinned,
                            p -> this.events.getObject().asVersion(event.type(), event.schemaVersion(), event.data(), p));
                    deliveries.add(pinnedDelivery(endpoint, event, pinned, data).under(subscription));
                    continue;
                }
                if (payload == null) {
                    payload = json.writeValueAsString(EventPayload.of(json, event));
                }
                deliveries.add(new Delivery(Ids.next("whd"), endpoint.id(), event.id(), event.type(), event.orderingKey(), payload,
                        DeliveryStatus.PENDING, 0, 0, event.receivedAt(), event.receivedAt(), null, null, null, subscription));
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            queue.enqueue(deliveries);
            return;
        }
        Dispatcher local = dispatcher.getIfAvailable();
        Dispatcher.Reservation reservation = local == null ? null : local.reserve((int) deliveries.stream().filter(WebhookFanOut::canHandOff).count());
        List<DeliveryQueue.Claimed> handedOff = new ArrayList<>();
        if (reservation != null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        local.handOff(reservation, handedOff);
                    } else {
                        local.cancel(reservation);
                    }
                }
            });
            for (int i = 0; i < deliveries.size() && handedOff.size() < reservation.count(); i++) {
                Delivery d = deliveries.get(i);
                if (canHandOff(d)) {
                    Delivery claimed = d.claimed();
                    deliveries.set(i, claimed);
                    handedOff.add(DeliveryQueue.Claimed.of(claimed, endpointsById.get(d.endpointId()), reservation.token()));
                }
            }
        }
        queue.enqueue(deliveries, reservation == null ? null : reservation.token(), reservation == null ? null : reservation.leaseUntil());
        if (handedOff.size() < deliveries.size()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.ifAvailable(Dispatcher::wake);
                }
            });
        }
    }

    /**
     * Whether a new delivery may skip the claim: a pending one without an ordering key (the claim
     * query keeps keys in order) for an owner endpoint. A partner app's delivery is claimed, because
     * the claim checks that its install is still active: an uninstall that commits between this
     * transaction's read of the subscription and its commit must still stop the message.
     */
    private static boolean canHandOff(Delivery d) {
        return d.status() == DeliveryStatus.PENDING && d.orderingKey() == null && d.subscriptionId() == null;
    }

    /**
     * The delivery of a newer-version event to an endpoint pinned to an older version: as the pinned
     * version when the data conforms to it (possibly with undeclared fields dropped), otherwise
     * failed at once, without an attempt, with the reason. A resend of such a delivery sends the
     * event as published, once the endpoint's owner has raised the pin.
     */
    private Delivery pinnedDelivery(Endpoint endpoint, StoredEvent event, int pinned, VersionedData data) {
        String payload = json.writeValueAsString(EventPayload.of(json, event.id(), event.type(), data.version(), event.occurredAt(),
                event.mode().wire(), event.account(), event.user(), event.source(), event.outcome(), data.data()));
        if (data.conforms()) {
            return new Delivery(Ids.next("whd"), endpoint.id(), event.id(), event.type(), event.orderingKey(), payload, DeliveryStatus.PENDING,
                    0, 0, event.receivedAt(), event.receivedAt(), null, null, null);
        }
        String reason = "version " + event.schemaVersion() + " of " + event.type() + " does not conform to the pinned version " + pinned
                + ": " + String.join("; ", data.problems());
        return new Delivery(Ids.next("whd"), endpoint.id(), event.id(), event.type(), event.orderingKey(), payload, DeliveryStatus.FAILED,
                0, 0, event.receivedAt(), event.receivedAt(), null, null, reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason);
    }
}
