package dev.flywheel.webhooks;

import java.util.Locale;

/** An endpoint either receives deliveries or does not; disabled ones keep their queue until re-enabled or retention. */
enum EndpointStatus {
    ENABLED, DISABLED;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
