package dev.flywheel.marketplace;

import java.time.Instant;
import java.util.List;

/** A customer account installed an app from the marketplace, consenting to these scopes. */
public record AppInstalled(String installationId, String listingId, String partnerId, String accountId, List<String> scopes,
        String installedBy, Instant installedAt) {
}
