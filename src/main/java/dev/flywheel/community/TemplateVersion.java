package dev.flywheel.community;

import java.time.Instant;
import java.util.List;

/**
 * One submitted version of a template's payload, after scrubbing, with the moderator's decision.
 *
 * @param payload the JSON payload as stored (secrets already redacted when the author chose so)
 * @param redactions what was redacted on submission and where
 */
record TemplateVersion(String id, String templateId, int version, String payload, List<SecretScanner.Finding> redactions,
        String changeNote, ReviewState reviewState, String reviewReason, String reviewedBy, Instant reviewedAt, Instant submittedAt) {
}
