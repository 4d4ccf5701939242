package dev.flywheel.community;

import dev.flywheel.platform.Money;
import java.time.Instant;

/**
 * A paid template bought by an organization, as reported by the product's billing, and how its
 * price was shared. {@code gmv = contributorShare + fee}.
 *
 * @param reference the product's own id for the charge; one purchase per buyer and reference
 * @param ledgerTransactionId the ledger transaction that posted the sale
 * @param refundTransactionId the ledger transaction that reversed it, once refunded
 */
record TemplatePurchase(String id, String templateId, int templateVersion, String authorOrgId, String buyerOrgId, String reference,
        Money gmv, Money contributorShare, Money fee, String ledgerTransactionId, Instant purchasedAt, Instant recordedAt,
        Instant refundedAt, String refundReason, String refundTransactionId) {

    boolean refunded() {
        return refundedAt != null;
    }
}
