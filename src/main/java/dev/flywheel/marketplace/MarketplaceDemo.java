package dev.flywheel.marketplace;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.webhooks.InstallSubscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The demo marketplace: every technology partner lists one to three apps, published after a
 * (recorded) review; customer accounts install them over the last four months, some uninstall,
 * most use them, a share review them; views and consent screens fill the partners' funnels.
 * A partner's first listing is linked to its live developer platform app (when it has one) and
 * asks for that app's scopes; its current installs are told to the webhooks module, as a real
 * install is, so the app's webhook endpoints (made by the webhooks demo) serve those accounts.
 */
@Component
class MarketplaceDemo implements DemoContributor {

    private static final List<String> NOUNS = List.of("Timeline", "Sync", "Alerts", "Insights", "Invoicer", "Notes", "Pipeline", "Forms",
            "Scheduler", "Backup", "Signals", "Chat", "Mailer", "Ledger", "Vault", "Compass", "Relay", "Pulse", "Dashboards", "Tasks");
    private static final List<String> JOBS = List.of("keeps every customer conversation in one place", "sends the right alert to the right channel",
            "reconciles invoices with payments every night", "turns product events into a weekly health report",
            "books meetings without back-and-forth emails", "backs up every record and restores it in one click",
            "routes support tickets to the person who knows the account");
    private static final List<String> SCOPES = List.of("contacts:read", "deals:read", "invoices:read", "events:read", "tickets:write",
            "workspaces:read");
    private static final List<String> REVIEWS = List.of("Saves us hours every week.", "Setup took five minutes.", "Does exactly what it says.",
            "Support answered within the hour.", "A few rough edges, but useful.", "Missing an export, otherwise good.",
            "Sync broke twice this month.");

    private final Organizations organizations;
    private final ListingRepository listings;
    private final JdbcClient jdbc;
    private final StorefrontIndex index;
    private final MarketplaceProperties properties;
    private final Apps apps;
    private final InstallSubscriptions webhooks;
    private final Clock clock;

    MarketplaceDemo(Organizations organizations, ListingRepository listings, JdbcClient jdbc, StorefrontIndex index,
            MarketplaceProperties properties, Apps apps, InstallSubscriptions webhooks, Clock clock) {
        this.organizations = organizations;
        this.listings = listings;
        this.jdbc = jdbc;
        this.index = index;
        this.properties = properties;
        this.apps = apps;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        List<Organization> partners = all(q -> organizations.partners(null, q)).stream()
                .filter(p -> p.partnerType() == PartnerType.TECHNOLOGY).toList();
        List<Organization> accounts = all(q -> organizations.accounts(Mode.LIVE, null, q));
        if (partners.isEmpty() || accounts.isEmpty()) {
            return;
        }
        for (Organization partner : partners) {
            int listed = 1 + random.nextInt(3);
            App app = liveApp(partner);
            for (int a = 0; a < listed; a++) {
                App linked = a == 0 ? app : null;
                // The first partner's first app always has a paid plan, so even the smallest demo has app sales (MarketplaceSalesDemo).
                ListingRepository.Live live = listing(partner, linked, random, now, partner == partners.get(0) && a == 0);
                usage(live.listing().id(), linked, live.version().content().requiredScopes(), accounts, random, now);
            }
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    index.rebuild();
                }
            });
        }
    }

    /** The partner's live app from the developer platform demo, if it registered one. */
    private App liveApp(Organization partner) {
        Caller caller = new Caller("demo", partner.id(), OrganizationKind.PARTNER, null, Mode.LIVE, "demo generator");
        return apps.list(caller, PageQuery.first(10)).data().stream().filter(App::isActive).filter(a -> a.mode() == Mode.LIVE).findFirst()
                .orElse(null);
    }

    private ListingRepository.Live listing(Organization partner, App app, Random random, Instant now, boolean paid) {
        String word = partner.name().split(" ")[0];
        String name = word + " " + NOUNS.get(random.nextInt(NOUNS.size()));
        String host = (partner.domain() == null ? Listings.slugOf(partner.name()) + ".example" : partner.domain());
        String job = JOBS.get(random.nextInt(JOBS.size()));
        List<String> scopes = new ArrayList<>();
        scopes.add(SCOPES.get(random.nextInt(SCOPES.size())));
        String second = SCOPES.get(random.nextInt(SCOPES.size()));
        if (!scopes.contains(second)) {
            scopes.add(second);
        }
        if (app != null) {
            // A linked listing asks customers for what its app declares, so installs consent to the app's real scopes.
            scopes = new ArrayList<>(app.scopes());
        }
        List<PricingPlan> plans = new ArrayList<>();
        plans.add(new PricingPlan("Free", PricingPlan.Kind.FREE, Money.zero("USD")));
        if (paid || random.nextBoolean()) {
            plans.add(random.nextBoolean() ? new PricingPlan("Team", PricingPlan.Kind.PER_SEAT, Money.of(500 + 100L * random.nextInt(20), "USD"))
                    : new PricingPlan("Pro", PricingPlan.Kind.FLAT_MONTHLY, Money.of(1900 + 1000L * random.nextInt(10), "USD")));
        }
        List<String> categories = List.of(properties.categories().get(random.nextInt(properties.categories().size())));
        ListingContent content = new ListingContent(name, name + " " + job + ".", "For teams that want to work faster: " + name + " " + job
                + ", so nobody has to do it by hand again.", "Connects through the API with the scopes below and reacts to product events.",
                "Install, approve the requested access, choose what to sync; the first run starts at once.", categories,
                List.of(NOUNS.get(random.nextInt(NOUNS.size())).toLowerCase(), categories.get(0), word.toLowerCase()),
                List.of("https://" + host + "/shots/1.png", "https://" + host + "/shots/2.png", "https://" + host + "/shots/3.png"),
                random.nextBoolean() ? "https://" + host + "/demo" : null, plans, "https://" + host, "https://" + host + "/support",
                "https://" + host + "/privacy", "https://" + host + "/terms", scopes,
                scopes.stream().map(s -> new ListingContent.Feature("Uses " + s.substring(0, s.indexOf(':')), List.of(s))).toList(),
                List.of("account.updated"), List.of("2026-01-15"));
        Instant created = now.minus(Duration.ofDays(30 + random.nextInt(300)));
        Listing listing = null;
        String base = Listings.slugOf(name);
        for (int i = 1; listing == null; i++) {
            Listing candidate = new Listing(Ids.next("lst"), partner.id(), i == 1 ? base : base + "-" + i, null, null, null, null, null,
                    CertificationTier.LISTED, created, created);
            if (listings.insertListing(candidate)) {
                listing = candidate;
            }
        }
        ListingVersion version = new ListingVersion(Ids.next("lsv"), listing.id(), 1, SubmissionState.DRAFT, content, List.of(), null, null,
                null, null, created, created);
        listings.insertVersion(version);
        listings.addHistory(version.id(), null, SubmissionState.DRAFT, "demo", "created", created);
        Instant published = created.plus(Duration.ofDays(2));
        for (SubmissionState to : List.of(SubmissionState.SUBMITTED, SubmissionState.AUTOMATED_CHECKS, SubmissionState.HUMAN_REVIEW,
                SubmissionState.PUBLISHED)) {
            SubmissionState from = repositoryState(version.id());
            listings.moveState(version.id(), from, to, published);
            listings.addHistory(version.id(), from, to, "demo", null, published);
        }
        listings.markPublished(listing.id(), version.id(), published);
        if (app != null) {
            listings.setApp(listing.id(), app.id(), created);
        }
        return new ListingRepository.Live(listing, version);
    }

    private SubmissionState repositoryState(String versionId) {
        return listings.version(versionId).orElseThrow().state();
    }

    private void usage(String listingId, App app, List<String> scopeList, List<Organization> accounts, Random random, Instant now) {
        String scopes = String.join("\n", scopeList);
        int popularity = random.nextInt(Math.max(2, accounts.size() / 4));
        for (int i = 0; i < popularity; i++) {
            Organization account = accounts.get(random.nextInt(accounts.size()));
            Instant installed = now.minus(Duration.ofHours(1 + random.nextInt(24 * 120)));
            Instant uninstalled = random.nextInt(100) < 15 ? installed.plus(Duration.ofHours(1 + random.nextInt(24 * 40))) : null;
            if (uninstalled != null && uninstalled.isAfter(now)) {
                uninstalled = null;
            }
            Instant activated = random.nextInt(100) < 70 ? installed.plus(Duration.ofHours(random.nextInt(72))) : null;
            String installId = Ids.next("ins");
            int inserted = jdbc.sql("""
                    insert into mkt_installations (id, listing_id, account_id, account_segment, installed_by, installer_email, scopes, status,
                      installed_at, uninstalled_at, activated_at, review_asked_at, review_prompted_at)
                    values (:id, :l, :a, :seg, 'demo', :email, :scopes, :status, :at, :un, :act, :asked, :asked) on conflict do nothing""")
                    .param("asked", Sql.at(asked(activated, now)))
                    .param("scopes", scopes)
                    .param("id", installId).param("l", listingId).param("a", account.id()).param("seg", account.segment())
                    .param("email", "admin@" + (account.domain() == null ? "customer.example" : account.domain()))
                    .param("status", uninstalled == null ? "active" : "uninstalled").param("at", Sql.at(installed))
                    .param("un", Sql.at(uninstalled)).param("act", Sql.at(activated)).update();
            if (inserted == 0) {
                continue;
            }
            if (app != null && uninstalled == null) {
                webhooks.installed(installId, app.id(),
                        account.externalId() == null || account.externalId().isBlank() ? account.id() : account.externalId(), scopeList);
            }
            for (int v = 0; v < 2 + random.nextInt(6); v++) {
                event(listingId, "view", null, null, installed.minus(Duration.ofHours(random.nextInt(48))));
            }
            event(listingId, "install_click", account.id(), null, installed);
            event(listingId, "consent_shown", account.id(), scopes, installed);
            event(listingId, "installed", account.id(), scopes, installed);
            if (activated != null && activated.isBefore(now)) {
                event(listingId, "activated", account.id(), null, activated);
            }
            if (uninstalled != null) {
                event(listingId, "uninstalled", account.id(), null, uninstalled);
            }
            if (random.nextInt(100) < 30) {
                int stars = Math.max(1, Math.min(5, 5 - random.nextInt(3) - (uninstalled != null ? 2 : 0)));
                Instant at = installed.plus(Duration.ofDays(random.nextInt(20)));
                jdbc.sql("""
                        insert into mkt_reviews (id, listing_id, account_id, author_id, author_name, stars, body, app_version, status,
                          created_at, updated_at, reply_body, reply_at)
                        values (:id, :l, :a, 'demo', :name, :stars, :body, '1.0', 'visible', :at, :at, :reply, :replyAt) on conflict do nothing""")
                        .param("id", Ids.next("rev")).param("l", listingId).param("a", account.id()).param("name", "A user at " + account.name())
                        .param("stars", stars).param("body", REVIEWS.get(random.nextInt(REVIEWS.size())))
                        .param("reply", random.nextBoolean() ? "Thank you for the feedback!" : null)
                        .param("replyAt", Sql.at(at.plus(Duration.ofDays(1)))).param("at", Sql.at(at)).update();
            }
        }
        // Consent screens shown without an install, so the funnel shows drop-off.
        for (int i = 0; i < popularity / 3; i++) {
            event(listingId, "consent_shown", null, scopes, now.minus(Duration.ofHours(1 + random.nextInt(24 * 60))));
        }
    }

    /** Past review asks count as sent, so a fresh demo does not mail every historical install at once. */
    private Instant asked(Instant activated, Instant now) {
        if (activated == null) {
            return null;
        }
        Instant due = activated.plus(properties.reviewAskDelay());
        return due.isBefore(now) ? due : null;
    }

    private void event(String listingId, String kind, String accountId, String scopes, Instant at) {
        jdbc.sql("""
                insert into mkt_listing_events (id, listing_id, kind, account_id, scopes, occurred_on, occurred_at)
                values (:id, :l, :kind, :a, :scopes, :on, :at)""")
                .param("id", Ids.next("lev")).param("l", listingId).param("kind", kind).param("a", accountId)
                .param("scopes", scopes)
                .param("on", LocalDate.ofInstant(at, ZoneOffset.UTC)).param("at", Sql.at(at)).update();
    }

    private static List<Organization> all(java.util.function.Function<PageQuery, CursorPage<Organization>> pages) {
        List<Organization> out = new ArrayList<>();
        PageQuery query = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<Organization> page = pages.apply(query);
            out.addAll(page.data());
            if (!page.hasMore() || out.size() >= 20_000) {
                return out;
            }
            query = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
    }
}
