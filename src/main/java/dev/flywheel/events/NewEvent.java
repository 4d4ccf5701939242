package dev.flywheel.events;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An event as a producer hands it in.
 *
 * @param clientId the producer's own id for the event (or its Idempotency-Key): the same value twice
 *        in one mode stores the event once; null when the producer does not deduplicate
 * @param account the customer account's id in the product; null only for installation-wide events
 * @param occurredAt when it happened; null means now
 * @param orderingKey events with the same key reach each endpoint in the order they were accepted
 */
public record NewEvent(String clientId, String type, String account, String user, String source, String outcome,
        Instant occurredAt, String orderingKey, JsonNode data) {
}
