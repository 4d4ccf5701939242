package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import java.time.Instant;

/**
 * Where the marketplace posts the money of every sale: the gross merchandise value, the
 * partner's share and the platform's fee ({@code gmv = partnerShare + platformFee}). Called inside
 * the sale's transaction. The implementation Flywheel runs posts a balanced transaction to the
 * ledger module and records the amounts in the marketplace's own table
 * ({@link RecordedRevenueShareLedger}); another implementation can replace it as a
 * {@code @Primary} bean.
 */
public interface RevenueShareLedger {

    record Posting(String saleId, String listingId, String partnerId, String accountId, Money gmv, Money partnerShare, Money platformFee,
            Instant occurredAt) {
    }

    void post(Posting posting);
}
