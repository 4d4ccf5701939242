package dev.flywheel.marketplace;

/** The owner took a listing off the marketplace; its installs stop working until it is reinstated. */
public record ListingSuspended(String listingId, String partnerId, String reason) {
}
