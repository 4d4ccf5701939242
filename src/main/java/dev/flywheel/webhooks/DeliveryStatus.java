package dev.flywheel.webhooks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of one message to one endpoint. {@code PENDING} waits for its next attempt,
 * {@code SENDING} is claimed by a dispatcher (until its lease ends), {@code DELIVERED} got a 2xx,
 * {@code FAILED} ran out of retries (or its endpoint answered 410 Gone). Resending or recovering
 * puts a finished message back to {@code PENDING}.
 */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED;

    public Set<DeliveryStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(SENDING);
            case SENDING -> EnumSet.of(DELIVERED, PENDING, FAILED);
            case DELIVERED, FAILED -> EnumSet.of(PENDING);
        };
    }

    public boolean canBecome(DeliveryStatus target) {
        return next().contains(target);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
