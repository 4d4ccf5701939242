package dev.flywheel.marketplace;

import java.time.Instant;

/**
 * A listing: an app's place in the marketplace, owned by one technology partner. What it says
 * is in its versions; {@code publishedVersionId} is the one customers see. {@code appId} links
 * the developer platform's app (OAuth client) whose grants carry an install's tokens.
 */
record Listing(String id, String partnerId, String slug, String publishedVersionId, String appId, Instant firstPublishedAt, Instant suspendedAt,
        String suspensionReason, CertificationTier tier, Instant createdAt, Instant updatedAt) {

    public boolean suspended() {
        return suspendedAt != null;
    }

    public boolean live() {
        return publishedVersionId != null && suspendedAt == null;
    }
}
