/**
 * Events: the event-type catalog (versioned JSON Schemas, breaking-change detection, AsyncAPI
 * export, built-in types), ingestion from the product, the event log and its pull API.
 *
 * <p>Other modules publish their own domain events through {@link dev.flywheel.events.Events#emit}
 * and react to every stored event by implementing {@link dev.flywheel.events.EventFanOut}, which
 * runs inside the transaction that stores the events (so a consumer's queue row exists if and
 * only if the event does).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events")
package dev.flywheel.events;
