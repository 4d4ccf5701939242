package dev.flywheel.webhooks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of one message to one endpoint. {@code PENDING} waits for its next attempt,
 * {@code SENDING} is claimed by a dispatcher (until its lease ends), {@code DELIVERED} got a 2xx,
 * {@code FAILED} ran out of retries (or its endpoint answered 410 Gone). Resending or recovering
 * puts a finished message back to {@code PENDING}. {@code CANCELLED} was still waiting (or being
 * claimed) for a partner-app endpoint when the customer's install ended or the app was suspended:
 * it never goes out, is not a failure of the endpoint, and cannot be resent.
 */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED, CANCELLED;

    public Set<DeliveryStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(SENDING, CANCELLED);
            case SENDING -> EnumSet.of(DELIVERED, PENDING, FAILED, CANCELLED);
            case DELIVERED, FAILED -> EnumSet.of(PENDING);
            case CANCELLED -> EnumSet.noneOf(DeliveryStatus.class);
        };
    }

    public boolean canBecome(DeliveryStatus target) {
        return next().contains(target);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
