package dev.flywheel.events;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An event's {@code data} as a consumer pinned to a schema version receives it.
 *
 * @param version the schema version {@code data} conforms to (the one the delivery names)
 * @param data the data to deliver: unchanged, or with what the pinned version does not declare removed
 * @param conforms false when the data could not be made to satisfy the pinned version; then
 *        {@code version} and {@code data} are the event's own and {@code problems} says why
 * @param problems what breaks the pinned version (dotted path and rule), empty when it conforms
 */
public record VersionedData(int version, JsonNode data, boolean conforms, List<String> problems) {
}
