package dev.flywheel.marketplace;

import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Transaction;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link RevenueShareLedger} Flywheel runs: each sale is posted to the ledger module as one
 * balanced transaction (reference {@code marketplace.sale:<sale id>}, kind
 * {@code revenue_share.earned}) — the owner's {@code marketplace_gmv} gives the GMV, the owner's
 * {@code marketplace_fee} receives the platform fee and the partner's {@code available} balance
 * receives its share, ready for the next payout — and the three amounts are also recorded in the
 * marketplace's own {@code mkt_revenue_postings}, with the ledger transaction's id, for the
 * marketplace's reports. Zero amounts (e.g. a 0% fee tier) are left out of the ledger entries.
 */
@Component
class RecordedRevenueShareLedger implements RevenueShareLedger {

    static final String GMV_BUCKET = "marketplace_gmv";
    static final String FEE_BUCKET = "marketplace_fee";
    static final String PARTNER_BUCKET = "available";

    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final Clock clock;

    RecordedRevenueShareLedger(Ledger ledger, JdbcClient jdbc, Clock clock) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void post(Posting p) {
        List<Transaction.Entry> entries = new ArrayList<>();
        entries.add(new Transaction.Entry("owner", GMV_BUCKET, p.gmv().negate()));
        if (p.platformFee().amount() != 0) {
            entries.add(new Transaction.Entry("owner", FEE_BUCKET, p.platformFee()));
        }
        if (p.partnerShare().amount() != 0) {
            entries.add(new Transaction.Entry(p.partnerId(), PARTNER_BUCKET, p.partnerShare()));
        }
        Ledger.Posted posted = ledger.post(Transaction.of("marketplace.sale:" + p.saleId(), "revenue_share.earned",
                "Marketplace sale " + p.saleId() + " of listing " + p.listingId() + " to account " + p.accountId(), Mode.LIVE, p.occurredAt(),
                entries));
        insert(p, "gmv", p.gmv(), posted.transactionId());
        insert(p, "partner_share", p.partnerShare(), posted.transactionId());
        insert(p, "platform_fee", p.platformFee(), posted.transactionId());
    }

    private void insert(Posting p, String kind, Money amount, String ledgerTransaction) {
        jdbc.sql("""
                insert into mkt_revenue_postings (id, sale_id, kind, partner_id, amount, currency, ledger_transaction_id, posted_at)
                values (:id, :sale, :kind, :partner, :amount, :currency, :tx, :at)""")
                .param("id", Ids.next("rvp")).param("sale", p.saleId()).param("kind", kind).param("partner", p.partnerId())
                .param("amount", amount.amount()).param("currency", amount.currency()).param("tx", ledgerTransaction)
                .param("at", Sql.at(clock.instant())).update();
    }
}
