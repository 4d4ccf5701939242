package dev.flywheel.ledger;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo's money settings: exchange rates into the reporting currency, and payout profiles for
 * most partners (the rest show why a payout is skipped). The demo's commissions come from the
 * partner program's won deals and are held for the refund window like any other.
 */
@Component
class LedgerDemo implements DemoContributor {

    private final Ledger ledger;
    private final Organizations organizations;
    private final Clock clock;

    LedgerDemo(Ledger ledger, Organizations organizations, Clock clock) {
        this.ledger = ledger;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 45;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        ledger.recordExchangeRate("EUR", "USD", new BigDecimal("1.08"), clock.instant().minusSeconds(86_400L * 400));
        ledger.recordExchangeRate("GBP", "USD", new BigDecimal("1.27"), clock.instant().minusSeconds(86_400L * 400));
        PageQuery query = PageQuery.first(100);
        while (true) {
            CursorPage<Organization> page = organizations.partners(null, query);
            for (Organization partner : page.data()) {
                if (random.nextInt(4) != 0) {
                    boolean us = random.nextBoolean();
                    ledger.savePayoutProfile(partner.id(), us ? PayoutProfile.TaxForm.W9 : PayoutProfile.TaxForm.W8BEN, partner.name(),
                            us ? "US" : "DE", String.valueOf(1_000_000_000L + random.nextInt(900_000_000)));
                }
            }
            if (!page.hasMore()) {
                break;
            }
            query = new PageQuery(100, page.nextStartingAfter());
        }
    }
}
