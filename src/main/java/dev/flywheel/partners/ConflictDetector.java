package dev.flywheel.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds why a new deal registration may not be protected for its partner: the same normalised
 * domain is already registered by another partner (pending review, or approved and inside its
 * protection window), the prospect is already a customer, or the owner already works it as an
 * open opportunity. A pure function of what the caller looked up.
 */
final class ConflictDetector {

    /** Another registration of the same domain, as far as conflicts are concerned. */
    record Existing(String registrationId, String partnerId, DealStatus status, Instant protectedUntil) {
    }

    /** One reason, with a stable code, words and what it points at. */
    record Conflict(String reason, String detail, String registrationId) {
    }

    static final String PROTECTED = "protected_for_another_partner";
    static final String PENDING = "pending_for_another_partner";
    static final String DUPLICATE = "already_registered_by_you";
    static final String CUSTOMER = "existing_customer";
    static final String OPPORTUNITY = "open_opportunity";

    private ConflictDetector() {
    }

    static List<Conflict> detect(String partnerId, String domain, List<Existing> sameDomain, boolean existingCustomer,
            String openOpportunity, Instant now) {
        List<Conflict> conflicts = new ArrayList<>();
        for (Existing e : sameDomain) {
            boolean mine = e.partnerId().equals(partnerId);
            if (e.status() == DealStatus.APPROVED && e.protectedUntil() != null && e.protectedUntil().isAfter(now)) {
                conflicts.add(mine
                        ? new Conflict(DUPLICATE, "You already registered " + domain + " (" + e.registrationId() + "); it is protected until "
                                + e.protectedUntil() + ".", e.registrationId())
                        : new Conflict(PROTECTED, domain + " is registered by another partner and protected until " + e.protectedUntil() + ".",
                                e.registrationId()));
            } else if (e.status() == DealStatus.SUBMITTED) {
                conflicts.add(mine
                        ? new Conflict(DUPLICATE, "You already registered " + domain + " (" + e.registrationId() + "); it is waiting for review.",
                                e.registrationId())
                        : new Conflict(PENDING, domain + " was registered by another partner first and is waiting for review.", e.registrationId()));
            }
        }
        if (existingCustomer) {
            conflicts.add(new Conflict(CUSTOMER, domain + " is already a customer; registrations are for new business.", null));
        }
        if (openOpportunity != null) {
            conflicts.add(new Conflict(OPPORTUNITY, domain + " is already an open opportunity in the owner's pipeline.", null));
        }
        return conflicts;
    }
}
