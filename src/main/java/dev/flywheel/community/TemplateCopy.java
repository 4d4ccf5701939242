package dev.flywheel.community;

import java.time.Instant;

/**
 * A copy of a template that someone took into their own tool, as reported through the API.
 *
 * @param externalRef the taker's own id for the copy (e.g. their workflow id), optional
 * @param retentionDueAt when the copy starts to count as an active use, if still in use then
 * @param lastSeenAt the latest moment the copy was reported in use
 * @param removedAt when the taker reported it removed, or null
 */
record TemplateCopy(String id, String templateId, int version, String takerOrgId, String externalRef, Instant takenAt,
        Instant retentionDueAt, Instant lastSeenAt, Instant removedAt) {
}
