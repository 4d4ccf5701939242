package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import java.time.Instant;

/**
 * Where the marketplace posts the money of every sale: the gross merchandise value, the
 * partner's share and the platform's fee ({@code gmv = partnerShare + platformFee}). The
 * marketplace ships a database-backed implementation that records the postings in its own
 * tables; the ledger module takes over by declaring its own implementation as the
 * {@code @Primary} bean. Called inside the sale's transaction.
 */
public interface RevenueShareLedger {

    record Posting(String saleId, String listingId, String partnerId, String accountId, Money gmv, Money partnerShare, Money platformFee,
            Instant occurredAt) {
    }

    void post(Posting posting);
}
