package dev.flywheel.webhooks;

import java.time.Instant;

/**
 * One message (an event) queued for one endpoint.
 *
 * @param payload the exact body that is signed and sent, the same on every attempt
 * @param retryStep position in the retry schedule (reset by a resend)
 * @param attempts every attempt ever made, for the log
 * @param subscriptionId the install-scoped subscription a partner-app delivery was queued under; null for owner endpoints
 *        and test messages. The message goes out only while that subscription is active.
 */
public record Delivery(String id, String endpointId, String eventId, String eventType, String orderingKey, String payload, DeliveryStatus status,
        int retryStep, int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Integer lastStatusCode, String lastError,
        String subscriptionId) {

    /** A delivery outside any install-scoped subscription (an owner endpoint, or a test message). */
    public Delivery(String id, String endpointId, String eventId, String eventType, String orderingKey, String payload, DeliveryStatus status,
            int retryStep, int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Integer lastStatusCode, String lastError) {
        this(id, endpointId, eventId, eventType, orderingKey, payload, status, retryStep, attempts, nextAttemptAt, createdAt, deliveredAt,
                lastStatusCode, lastError, null);
    }

    /** The same new delivery, stored as already claimed by a dispatcher (to be sent at once). */
    Delivery claimed() {
        return new Delivery(id, endpointId, eventId, eventType, orderingKey, payload, DeliveryStatus.SENDING, retryStep, attempts, nextAttemptAt,
                createdAt, deliveredAt, lastStatusCode, lastError, subscriptionId);
    }

    /** The same delivery queued under an install-scoped subscription. */
    Delivery under(String subscription) {
        return new Delivery(id, endpointId, eventId, eventType, orderingKey, payload, status, retryStep, attempts, nextAttemptAt, createdAt,
                deliveredAt, lastStatusCode, lastError, subscription);
    }
}
