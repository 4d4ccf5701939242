package dev.flywheel.marketplace;

import java.time.Instant;

/** A verified installer's review of an app: one per customer account and app. */
record Review(String id, String listingId, String accountId, String authorId, String authorName, int stars, String body, String appVersion,
        boolean visible, Instant createdAt, Instant updatedAt, String replyBody, Instant replyAt) {
}
