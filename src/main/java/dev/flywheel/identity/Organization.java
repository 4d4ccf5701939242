package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An organization: the owner, a partner or a customer account.
 *
 * @param partnerType set for partners only
 * @param externalId the product's own id, for customer accounts only
 * @param attributes further customer fields from the product, as a JSON object text, or null
 */
public record Organization(String id, OrganizationKind kind, String name, String domain, PartnerType partnerType,
        String externalId, Mode mode, String segment, LocalDate signedUpOn, String attributes, Instant createdAt,
        Instant updatedAt) {
}
