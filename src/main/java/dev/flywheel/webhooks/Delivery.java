package dev.flywheel.webhooks;

import java.time.Instant;

/**
 * One message (an event) queued for one endpoint.
 *
 * @param payload the exact body that is signed and sent, the same on every attempt
 * @param retryStep position in the retry schedule (reset by a resend)
 * @param attempts every attempt ever made, for the log
 */
public record Delivery(String id, String endpointId, String eventId, String eventType, String orderingKey, String payload, DeliveryStatus status,
        int retryStep, int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Integer lastStatusCode, String lastError) {
}
