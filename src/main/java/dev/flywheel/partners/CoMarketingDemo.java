package dev.flywheel.partners;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.PageQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo's co-marketing and referral leads (order 46, after the ledger's rates at 45): for the
 * first partners a quarterly fund budget with one request at each step of its lifecycle, a
 * co-marketing asset, and a coupon that brought a lead. Generating again adds requests only while
 * the budget has room.
 */
@Component
class CoMarketingDemo implements DemoContributor {

    private static final List<String> ACTIVITIES = List.of("Joint webinar", "Trade show booth", "Co-branded ebook", "Paid search campaign");
    private static final int PARTNERS = 6;

    private final Organizations organizations;
    private final PartnerCoMarketing coMarketing;
    private final Referrals referrals;
    private final Clock clock;

    CoMarketingDemo(Organizations organizations, PartnerCoMarketing coMarketing, Referrals referrals, Clock clock) {
        this.organizations = organizations;
        this.coMarketing = coMarketing;
        this.referrals = referrals;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 46;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        String quarter = PartnerPages.Quarter.parse(null, clock.instant()).label();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String by = "demo partner manager";
        int step = 0;
        for (Organization partner : organizations.partners(null, PageQuery.first(PARTNERS)).data()) {
            step++;
            Money budget = Money.of((3 + random.nextInt(8)) * 100_000L, "USD");
            long committed = coMarketing.budgets(partner.id()).stream().filter(u -> u.budget().period().equals(quarter))
                    .mapToLong(u -> u.committed().amount()).sum();
            coMarketing.setBudget(partner.id(), quarter, Money.of(Math.max(budget.amount(), committed), "USD"), by);
            long remaining = Math.max(budget.amount(), committed) - committed;
            Money ask = Money.of(Math.min(remaining, (1 + random.nextInt(3)) * 50_000L), "USD");
            if (ask.amount() > 0) {
                PartnerCoMarketing.FundRequest r = coMarketing.request(partner.id(), quarter, ACTIVITIES.get(random.nextInt(ACTIVITIES.size())), ask);
                int fate = step % 4; // 0 requested, 1 approved, 2 claimed, 3 paid
                if (fate >= 1) {
                    coMarketing.approve(r.id(), by, null);
                }
                if (fate >= 2) {
                    coMarketing.claim(r.id(), partner.id(), "https://" + (partner.domain() == null ? "partner.example" : partner.domain())
                            + "/campaign-report", null, null);
                }
                if (fate >= 3) {
                    coMarketing.approveClaim(r.id(), by, null);
                    coMarketing.pay(r.id(), by);
                }
            }
            PartnerCoMarketing.AssetKind kind = PartnerCoMarketing.AssetKind.values()[random.nextInt(PartnerCoMarketing.AssetKind.values().length)];
            coMarketing.addAsset(partner.id(), kind, kind.label() + " with " + partner.name(), null,
                    random.nextBoolean() ? today.minusDays(random.nextInt(60)) : null, by);
            String coupon = "DEMO" + Integer.toString(1_000_000 + random.nextInt(9_000_000), 36).toUpperCase(java.util.Locale.ROOT);
            try {
                referrals.createCoupon(partner.id(), coupon);
            } catch (dev.flywheel.platform.web.ApiException taken) {
                continue; // the code exists from an earlier run; the lead below would only repeat it
            }
            referrals.captureLead(Mode.LIVE, "buyer" + random.nextInt(1000) + "@lead-" + coupon.toLowerCase(java.util.Locale.ROOT) + ".example",
                    "Lead " + coupon, null, null, coupon);
        }
    }
}
