package dev.flywheel.insights;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * Demo facts for every demo customer account: an MRR history from its signup (deeper integration,
 * better retention, as the thesis goes), installs, owner and partner touches, won and lost deals,
 * partner app activity, monthly GMV, and one finished experiment.
 */
@Component
class InsightsDemo implements DemoContributor {

    private static final List<String> INTEGRATIONS = List.of("slack", "salesforce", "hubspot", "jira", "zapier", "github", "stripe", "zendesk");
    private static final List<String> KINDS = List.of("listing_view", "install", "referral_click", "webinar", "partner_managed");

    private final Organizations organizations;
    private final FactStore store;
    private final Experiments experiments;
    private final InsightsProperties properties;
    private final Clock clock;

    InsightsDemo(Organizations organizations, FactStore store, Experiments experiments, InsightsProperties properties, Clock clock) {
        this.organizations = organizations;
        this.store = store;
        this.experiments = experiments;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Organization> partners = all(true);
        String currency = properties.currency();
        int n = 0;
        for (Organization account : all(false)) {
            String id = account.externalId();
            LocalDate signup = account.signedUpOn() == null ? today.minusDays(random.nextInt(700)) : account.signedUpOn();
            int depth = random.nextInt(10) < 4 ? 0 : random.nextInt(10) < 6 ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
            for (int i = 0; i < depth; i++) {
                LocalDate at = signup.plusDays(3 + random.nextInt(120));
                if (at.isBefore(today)) {
                    String partner = partners.isEmpty() || random.nextBoolean() ? null : partners.get(random.nextInt(partners.size())).id();
                    store.upsert(FactKind.INSTALLS, Mode.LIVE, new Facts.InstallFact("demo-ins-" + id + "-" + i, id, INTEGRATIONS.get(i % INTEGRATIONS.size()),
                            partner, at.atStartOfDay().toInstant(ZoneOffset.UTC), null));
                }
            }
            long mrr = ("enterprise".equals(account.segment()) ? 200_000 : "mid-market".equals(account.segment()) ? 60_000 : 9_900)
                    + random.nextInt(50) * 100L;
            store.upsert(FactKind.MRR, Mode.LIVE, new Facts.MrrChange("demo-mrr-" + id + "-0", id, signup, mrr, currency));
            double churn = depth == 0 ? 0.035 : depth < 3 ? 0.018 : 0.007;
            double expand = depth == 0 ? 0.03 : depth < 3 ? 0.05 : 0.08;
            int c = 1;
            boolean active = true;
            for (LocalDate d = signup.plusMonths(1).withDayOfMonth(1 + random.nextInt(27)); d.isBefore(today); d = d.plusMonths(1)) {
                double roll = random.nextDouble();
                long next = mrr;
                if (active && roll < churn) {
                    next = 0;
                    active = false;
                } else if (!active && roll < 0.05) {
                    next = mrr = Math.max(9_900, mrr);
                    active = true;
                } else if (active && roll < churn + expand) {
                    next = mrr = mrr + mrr / 5;
                } else if (active && roll < churn + expand + 0.02) {
                    next = mrr = Math.max(4_900, mrr - mrr / 5);
                } else {
                    continue;
                }
                store.upsert(FactKind.MRR, Mode.LIVE, new Facts.MrrChange("demo-mrr-" + id + "-" + c++, id, d, next, currency));
            }
            if (n++ % 4 == 0) {
                deal(id, signup, partners, random, currency);
            }
        }
        YearMonth current = YearMonth.from(today);
        for (int m = 1; m <= 15; m++) {
            YearMonth month = current.minusMonths(m);
            store.upsert(FactKind.GMV, Mode.LIVE, new Facts.Gmv(month, 1_500_000L + (15 - m) * 180_000L + random.nextInt(200_000), currency));
            for (Organization p : partners) {
                if (random.nextInt(10) < 6) {
                    store.upsert(FactKind.PARTNER_ACTIVITY, Mode.LIVE, new Facts.PartnerActivity(p.id(), month, random.nextInt(50_000), random.nextInt(20_000)));
                }
            }
        }
        Experiments.Experiment e = experiments.create(Mode.LIVE, "Integration prompt after onboarding", "in-product integration prompt",
                "Prompting new accounts to connect their first integration raises 30-day activation.", new BigDecimal("0.5"), new BigDecimal("0.30"),
                new BigDecimal("0.05"));
        for (int i = 0; i < 1200; i++) {
            String account = "demo-exp-" + i;
            String arm = experiments.record(Mode.LIVE, e.id(), account, "exposure", now);
            if (random.nextDouble() < ("treatment".equals(arm) ? 0.36 : 0.30)) {
                experiments.record(Mode.LIVE, e.id(), account, "conversion", now);
            }
        }
    }

    private void deal(String account, LocalDate signup, List<Organization> partners, Random random, String currency) {
        Instant created = signup.minusDays(20 + random.nextInt(40)).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant closed = signup.atStartOfDay().toInstant(ZoneOffset.UTC);
        int touches = random.nextInt(5);
        String registeredBy = null;
        for (int t = 0; t < touches; t++) {
            String partner = partners.isEmpty() || random.nextInt(3) == 0 ? null : partners.get(random.nextInt(partners.size())).id();
            String kind = t == 0 && partner != null && random.nextBoolean() ? Touch.DEAL_REGISTRATION : KINDS.get(random.nextInt(KINDS.size()));
            if (Touch.DEAL_REGISTRATION.equals(kind)) {
                registeredBy = partner;
            }
            Instant at = created.plusSeconds((long) t * 86_400 * (1 + random.nextInt(6)) - 86_400L * 5);
            store.upsert(FactKind.TOUCHPOINTS, Mode.LIVE, new Facts.Touchpoint("demo-tch-" + account + "-" + t, account, null, partner, kind,
                    at.isAfter(closed) ? closed : at, null, null));
        }
        boolean won = random.nextInt(10) < (registeredBy != null ? 7 : 4);
        store.upsert(FactKind.OPPORTUNITIES, Mode.LIVE, new Facts.OpportunityFact("demo-opp-" + account, account, "New business", won ? "won" : "lost",
                120_000L + random.nextInt(60) * 10_000L, currency, created, closed, null));
    }

    private List<Organization> all(boolean partners) {
        List<Organization> out = new ArrayList<>();
        PageQuery q = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<Organization> page = partners ? organizations.partners(null, q) : organizations.accounts(Mode.LIVE, null, q);
            out.addAll(page.data().stream().filter(o -> partners || o.externalId() != null).toList());
            if (!page.hasMore()) {
                return out;
            }
            q = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
    }
}
