package dev.flywheel.marketplace;

/** A version entered the review pipeline; the automated checks pick it up. Internal to the module. */
record ListingSubmitted(String listingId, String versionId) {
}
