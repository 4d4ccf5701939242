package dev.flywheel.insights;

import java.time.Instant;

/**
 * A touchpoint on a customer account: anything the owner or a partner did that may have moved a
 * deal (listing view, install, referral click, deal registration, partner-managed account,
 * webinar, custom). {@code partnerId} is null for the owner's own touches.
 *
 * @param opportunityId set when the touch belongs to one opportunity; otherwise it counts for
 *        every opportunity of the account
 */
record Touch(String id, String account, String opportunityId, String partnerId, String kind, Instant occurredAt) {

    static final String DEAL_REGISTRATION = "deal_registration";

    boolean byPartner() {
        return partnerId != null;
    }
}
