package dev.flywheel.marketplace;

import java.time.Instant;

/** A customer account removed an app; whatever the install granted must stop working. */
public record AppUninstalled(String installationId, String listingId, String partnerId, String accountId, Instant uninstalledAt) {
}
