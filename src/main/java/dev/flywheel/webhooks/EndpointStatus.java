package dev.flywheel.webhooks;

import java.util.Locale;

/** An endpoint either receives deliveries or does not; disabled ones keep their queue until re-enabled or retention. */
public enum EndpointStatus {
    ENABLED, DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
