package dev.flywheel.marketplace;

/** A listing version went live in the marketplace (the first version, or a newer one replacing it). */
public record ListingPublished(String listingId, String partnerId, String slug, int versionNumber) {
}
