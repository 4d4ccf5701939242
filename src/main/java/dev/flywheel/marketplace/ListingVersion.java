package dev.flywheel.marketplace;

import java.time.Instant;
import java.util.List;

/** One version of a listing's content and where it stands in review. */
record ListingVersion(String id, String listingId, int number, SubmissionState state, ListingContent content, List<String> reasons,
        String appeal, Instant submittedAt, Instant queuedAt, Instant decidedAt, Instant createdAt, Instant updatedAt) {
}
