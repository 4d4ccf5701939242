/**
 * Webhooks: endpoints and their encrypted signing secrets, the durable delivery queue fed by every
 * stored event, the dispatcher (Standard Webhooks signatures, retries with jitter, SSRF guard,
 * per-endpoint rate limits and ordering), delivery logs, replay, retention, metrics, REST Hooks
 * for automation platforms and the console pages. Depends on {@code events}, never the reverse.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package dev.flywheel.webhooks;
