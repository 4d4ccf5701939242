package dev.flywheel.webhooks;

import dev.flywheel.events.EventFanOut;
import dev.flywheel.events.EventPayload;
import dev.flywheel.events.StoredEvent;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * or not stored at all. The body is built once per event and kept with each delivery, so every
 * attempt and every resend sends the same bytes. The local dispatcher is woken after commit.
 */
@Component
class WebhookFanOut implements EventFanOut {

    private final DeliveryQueue queue;
    private final EndpointRepository endpoints;
    private final JsonMapper json;
    private final ObjectProvider<Dispatcher> dispatcher;

    WebhookFanOut(DeliveryQueue queue, EndpointRepository endpoints, JsonMapper json, ObjectProvider<Dispatcher> dispatcher) {
        this.queue = queue;
        this.endpoints = endpoints;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accepted(List<StoredEvent> events) {
        Map<Mode, List<Endpoint>> byMode = new EnumMap<>(Mode.class);
        List<Delivery> deliveries = new ArrayList<>();
        for (StoredEvent event : events) {
            List<Endpoint> candidates = byMode.computeIfAbsent(event.mode(), endpoints::enabled);
            String payload = null;
            for (Endpoint endpoint : candidates) {
                if (!endpoint.subscribes(event.type())) {
                    continue;
                }
                if (payload == null) {
                    payload = json.writeValueAsString(EventPayload.of(json, event));
                }
                deliveries.add(new Delivery(Ids.next("whd"), endpoint.id(), event.id(), event.type(), event.orderingKey(), payload,
                        DeliveryStatus.PENDING, 0, 0, event.receivedAt(), event.receivedAt(), null, null, null));
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        queue.enqueue(deliveries);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.ifAvailable(Dispatcher::wake);
                }
            });
        }
    }
}
