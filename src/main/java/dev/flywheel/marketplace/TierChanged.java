package dev.flywheel.marketplace;

/** A listing's certification tier changed (earned, lapsed or returned). Internal to the module. */
record TierChanged(String listingId, CertificationTier from, CertificationTier to) {
}
