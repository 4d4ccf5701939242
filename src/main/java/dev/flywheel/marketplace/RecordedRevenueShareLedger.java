package dev.flywheel.marketplace;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The marketplace's own {@link RevenueShareLedger}: three rows per sale in
 * {@code mkt_revenue_postings} (gmv, partner_share, platform_fee), appended and never changed,
 * until the ledger module's implementation replaces this one.
 */
@Component
class RecordedRevenueShareLedger implements RevenueShareLedger {

    private final JdbcClient jdbc;
    private final Clock clock;

    RecordedRevenueShareLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void post(Posting p) {
        insert(p, "gmv", p.gmv());
        insert(p, "partner_share", p.partnerShare());
        insert(p, "platform_fee", p.platformFee());
    }

    private void insert(Posting p, String kind, dev.flywheel.platform.Money amount) {
        jdbc.sql("""
                insert into mkt_revenue_postings (id, sale_id, kind, partner_id, amount, currency, posted_at)
                values (:id, :sale, :kind, :partner, :amount, :currency, :at)""")
                .param("id", Ids.next("rvp")).param("sale", p.saleId()).param("kind", kind).param("partner", p.partnerId())
                .param("amount", amount.amount()).param("currency", amount.currency()).param("at", Sql.at(clock.instant())).update();
    }
}
