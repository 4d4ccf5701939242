package dev.flywheel.marketplace;

/** Installs or reviews of a listing changed, so its ranking signals are re-read. Internal to the module. */
record SignalsChanged(String listingId) {
}
