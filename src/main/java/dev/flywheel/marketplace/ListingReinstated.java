package dev.flywheel.marketplace;

/** A suspended listing is back in the marketplace; its installs work again. */
public record ListingReinstated(String listingId, String partnerId) {
}
