package dev.flywheel.marketplace;

import java.time.Instant;
import java.util.List;

/** An app installed on a customer account (or uninstalled; reinstalling reuses the record). */
public record Installation(String id, String listingId, String accountId, String accountSegment, String installedBy, String installerEmail,
        List<String> scopes, boolean active, Instant installedAt, Instant uninstalledAt, Instant activatedAt) {
}
