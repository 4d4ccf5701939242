package dev.flywheel.playbook;

import dev.flywheel.community.Community;
import dev.flywheel.events.Events;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.insights.SubscriptionRevenue;
import dev.flywheel.ledger.Balance;
import dev.flywheel.ledger.Buckets;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.marketplace.MarketplaceActivity;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The map providers for what flows through the ecosystem: marketplace apps and their installs
 * (marketplace), data-flow points — the busiest event types and the apps that consume them
 * (events) — and the revenue channels: the product's subscriptions (insights), marketplace fees
 * and template sales (ledger, with per-app and per-template figures from marketplace and
 * community) and the commissions paid to partners (ledger). All live data, read through each
 * module's public API; money is weighted in whole units of the ledger's reporting currency.
 */
@Configuration(proxyBeanMethods = false)
class FlowMapProviders {

    /**
     * Drawn: the 8 most installed apps plus up to 4 best-selling ones, and the 8 busiest event
     * types plus the types those apps consume; more would not be legible in one picture.
     */
    static final int APPS = 8;
    static final int SELLING_APPS = 4;
    static final int EVENT_TYPES = 8;
    static final Duration EVENT_WINDOW = Duration.ofDays(30);

    /** Ledger accounts the owner's revenue lands in (see the ledger and community docs). */
    static final String MARKETPLACE_FEE_BUCKET = "marketplace_fee";
    static final String TEMPLATE_FEE_BUCKET = "template_fee";

    static final String SUBSCRIPTIONS = "revenue:subscriptions";
    static final String MARKETPLACE_FEES = "revenue:marketplace_fees";
    static final String TEMPLATE_SALES = "revenue:template_sales";
    static final String COMMISSIONS = "revenue:commissions";

    /** The map id of an app, shared by the marketplace's live apps and the app names templates need, so both meet on one node. */
    static String appId(String name) {
        return "app:" + name.strip().toLowerCase(Locale.ROOT);
    }

    @Bean
    MapProvider marketplaceMap(MarketplaceActivity marketplace, Ledger ledger, Clock clock) {
        return new MapProvider() {
            @Override
            public int order() {
                return 10;
            }

            @Override
            public Contribution contribute() {
                List<EcosystemMap.Node> nodes = new ArrayList<>();
                List<EcosystemMap.Edge> edges = new ArrayList<>();
                Weigher money = new Weigher(ledger, clock.instant());
                for (MarketplaceActivity.AppFlow app : marketplace.appFlows(APPS, SELLING_APPS)) {
                    String id = appId(app.name());
                    nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.INTEGRATION, app.name(), app.activeInstalls(),
                            "marketplace: live app, active installs"));
                    edges.add(new EcosystemMap.Edge(id, MapProviders.PRODUCT, EcosystemMap.Flow.DATA, app.activeInstalls(),
                            app.activeInstalls() + " active installs", false));
                    if (!app.platformFees().isEmpty()) {
                        edges.add(new EcosystemMap.Edge(id, MARKETPLACE_FEES, EcosystemMap.Flow.REVENUE, money.weigh(app.platformFees()),
                                "GMV " + Weigher.text(app.gmv()) + ", fees " + Weigher.text(app.platformFees()), false));
                    }
                }
                return new Contribution(nodes, edges);
            }
        };
    }

    @Bean
    MapProvider eventsMap(Events events, MarketplaceActivity marketplace, Clock clock) {
        return new MapProvider() {
            @Override
            public int order() {
                return 20;
            }

            @Override
            public Contribution contribute() {
                List<EcosystemMap.Node> nodes = new ArrayList<>();
                List<EcosystemMap.Edge> edges = new ArrayList<>();
                Map<String, Long> volume = events.volumeByType(Mode.LIVE, clock.instant().minus(EVENT_WINDOW));
                List<MarketplaceActivity.AppFlow> apps = volume.isEmpty() ? List.of() : marketplace.appFlows(APPS, SELLING_APPS);
                java.util.Set<String> drawn = new java.util.LinkedHashSet<>(volume.keySet().stream().limit(EVENT_TYPES).toList());
                apps.forEach(a -> a.eventTypes().stream().filter(volume::containsKey).forEach(drawn::add));
                volume.entrySet().stream().filter(e -> drawn.contains(e.getKey())).forEach(type -> {
                    String id = "event:" + type.getKey();
                    nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.EVENT, type.getKey(), type.getValue(),
                            "events: received in the last 30 days"));
                    edges.add(new EcosystemMap.Edge(MapProviders.PRODUCT, id, EcosystemMap.Flow.DATA, type.getValue(),
                            type.getValue() + " events in 30 days", false));
                    for (MarketplaceActivity.AppFlow app : apps) {
                        if (app.eventTypes().contains(type.getKey())) {
                            edges.add(new EcosystemMap.Edge(id, appId(app.name()), EcosystemMap.Flow.DATA, type.getValue(),
                                    "consumed by " + app.name(), false));
                        }
                    }
                });
                return new Contribution(nodes, edges);
            }
        };
    }

    @Bean
    MapProvider revenueMap(SubscriptionRevenue subscriptions, Ledger ledger, Community community, Organizations organizations, Clock clock) {
        return new MapProvider() {
            @Override
            public int order() {
                return 30;
            }

            @Override
            public Contribution contribute() {
                List<EcosystemMap.Node> nodes = new ArrayList<>();
                List<EcosystemMap.Edge> edges = new ArrayList<>();
                Weigher money = new Weigher(ledger, clock.instant());

                SubscriptionRevenue.Mrr mrr = subscriptions.current(Mode.LIVE);
                if (mrr.mrr().amount() > 0) {
                    long w = money.weigh(List.of(mrr.mrr()));
                    nodes.add(new EcosystemMap.Node(SUBSCRIPTIONS, EcosystemMap.Kind.REVENUE, "Subscriptions (MRR)", w,
                            "insights: MRR in force today"));
                    edges.add(new EcosystemMap.Edge("customers", SUBSCRIPTIONS, EcosystemMap.Flow.REVENUE, w,
                            mrr.payingAccounts() + " paying accounts", false));
                    edges.add(new EcosystemMap.Edge(SUBSCRIPTIONS, MapProviders.PRODUCT, EcosystemMap.Flow.REVENUE, w, mrr.mrr() + " MRR", false));
                }

                List<Balance> owner = ledger.balances(Buckets.OWNER_HOLDER, Mode.LIVE);
                List<Money> marketplaceFees = bucket(owner, MARKETPLACE_FEE_BUCKET);
                if (!marketplaceFees.isEmpty()) {
                    long w = money.weigh(marketplaceFees);
                    nodes.add(new EcosystemMap.Node(MARKETPLACE_FEES, EcosystemMap.Kind.REVENUE, "Marketplace fees", w,
                            "ledger: the owner's fee on app sales"));
                    edges.add(new EcosystemMap.Edge(MARKETPLACE_FEES, MapProviders.PRODUCT, EcosystemMap.Flow.REVENUE, w, Weigher.text(marketplaceFees),
                            false));
                }

                List<Money> templateFees = bucket(owner, TEMPLATE_FEE_BUCKET);
                List<Community.TemplateRevenue> sold = community.templateRevenue(APPS);
                if (!templateFees.isEmpty() || !sold.isEmpty()) {
                    long w = money.weigh(templateFees);
                    nodes.add(new EcosystemMap.Node(TEMPLATE_SALES, EcosystemMap.Kind.REVENUE, "Template sales", w,
                            "ledger: the owner's fee on paid templates"));
                    edges.add(new EcosystemMap.Edge(TEMPLATE_SALES, MapProviders.PRODUCT, EcosystemMap.Flow.REVENUE, w,
                            templateFees.isEmpty() ? "no fee kept" : Weigher.text(templateFees), false));
                    for (Community.TemplateRevenue t : sold) {
                        String id = "template:" + t.id();
                        nodes.add(new EcosystemMap.Node(id, EcosystemMap.Kind.COMMUNITY, t.title(), t.sales(), "community: paid template, sales"));
                        edges.add(new EcosystemMap.Edge(id, TEMPLATE_SALES, EcosystemMap.Flow.REVENUE, money.weigh(List.of(t.gmv())),
                                t.sales() + " sales, GMV " + t.gmv(), false));
                        // A bought template needs its apps as much as a used one does: the first leg of a revenue chain.
                        for (String app : t.apps()) {
                            edges.add(new EcosystemMap.Edge(id, appId(app), EcosystemMap.Flow.USERS, t.sales(), t.sales() + " buyers need " + app, true));
                        }
                    }
                }

                Map<PartnerType, List<Money>> commissions = new LinkedHashMap<>();
                List<Money> allCommissions = new ArrayList<>();
                for (Ledger.HolderTotal h : ledger.commissionTotals(Mode.LIVE)) {
                    if (h.amount().amount() == 0) {
                        continue;
                    }
                    allCommissions.add(h.amount());
                    Optional<PartnerType> type = organizations.find(h.holderId()).map(Organization::partnerType);
                    type.ifPresent(t -> commissions.computeIfAbsent(t, k -> new ArrayList<>()).add(h.amount()));
                }
                if (!allCommissions.isEmpty()) {
                    long w = money.weigh(allCommissions);
                    nodes.add(new EcosystemMap.Node(COMMISSIONS, EcosystemMap.Kind.REVENUE, "Partner commissions", w,
                            "ledger: commissions earned, net of clawbacks"));
                    edges.add(new EcosystemMap.Edge(MapProviders.PRODUCT, COMMISSIONS, EcosystemMap.Flow.REVENUE, w,
                            Weigher.text(Weigher.sum(allCommissions)) + " paid or owed to partners", false));
                    commissions.forEach((type, amounts) -> edges.add(new EcosystemMap.Edge(COMMISSIONS,
                            "partners:" + type.name().toLowerCase(Locale.ROOT), EcosystemMap.Flow.REVENUE, money.weigh(amounts),
                            Weigher.text(Weigher.sum(amounts)), false)));
                }
                return new Contribution(nodes, edges);
            }
        };
    }

    /** A bucket's non-zero balances, one per currency. */
    private static List<Money> bucket(List<Balance> balances, String bucket) {
        return balances.stream().filter(b -> b.bucket().equals(bucket) && b.amount().amount() != 0).map(Balance::amount).toList();
    }

    /**
     * Turns amounts in any currency into one weight: whole units of the reporting currency, each
     * converted at the rate the ledger knows for now. A currency without a known rate adds nothing
     * to the weight (it still shows in the label), rather than being counted at a guessed rate.
     */
    static final class Weigher {

        private final Ledger ledger;
        private final Instant now;

        Weigher(Ledger ledger, Instant now) {
            this.ledger = ledger;
            this.now = now;
        }

        long weigh(List<Money> amounts) {
            java.math.BigDecimal total = java.math.BigDecimal.ZERO;
            for (Money m : sum(amounts)) {
                Optional<java.math.BigDecimal> rate = ledger.exchangeRate(m.currency(), now);
                if (rate.isPresent()) {
                    total = total.add(new java.math.BigDecimal(m.toDecimalString()).abs().multiply(rate.get()));
                }
            }
            return total.setScale(0, java.math.RoundingMode.HALF_EVEN).longValue();
        }

        /** Amounts added up per currency. */
        static List<Money> sum(List<Money> amounts) {
            Map<String, Money> out = new LinkedHashMap<>();
            amounts.forEach(m -> out.merge(m.currency(), m, Money::plus));
            return List.copyOf(out.values());
        }

        static String text(List<Money> amounts) {
            return String.join(" + ", sum(amounts).stream().map(m -> m.amount() < 0 ? m.negate() : m).map(Money::toString).toList());
        }
    }
}
