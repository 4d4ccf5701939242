package dev.flywheel.webhooks;

import java.time.Instant;

/** One HTTP attempt of a delivery: what came back and how long it took. */
public record Attempt(String id, String deliveryId, String endpointId, Instant attemptedAt, Integer statusCode, long latencyMillis, String outcome,
        String error, String responseExcerpt) {
}
