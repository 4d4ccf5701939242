package dev.flywheel.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the public API.
 *
 * @param maxRequestSize largest request body accepted under /api (default 6MB, enough for a
 *        1,000-event batch); larger bodies are refused with 413 before they are read
 * @param idempotencyWindow how long a stored Idempotency-Key response is replayed (default 24h)
 */
@ConfigurationProperties("flywheel.api")
public record ApiProperties(
        @DefaultValue("6MB") DataSize maxRequestSize,
        @DefaultValue("24h") Duration idempotencyWindow) {
}
