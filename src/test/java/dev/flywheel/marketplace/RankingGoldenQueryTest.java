package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Golden queries: a fixed small marketplace, searched through the real Lucene index and ranked by
 * the real formula. Each test states what a person searching would expect to see first.
 */
class RankingGoldenQueryTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(30);

    private record App(String id, String name, String tagline, List<String> keywords, String description, String category, String pricing,
            CertificationTier tier, Instant published, double installsDecayed, long reviews, long stars, double completeness) {
    }

    private final LuceneListingSearch search = new LuceneListingSearch();
    private final Map<String, App> apps = new HashMap<>();

    private void add(App app) {
        apps.put(app.id(), app);
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @BeforeEach
    void marketplace() {
        add(new App("salesforce", "Salesforce Sync", "Two-way sync of contacts and deals with Salesforce", List.of("crm", "salesforce", "sync"),
                "Keeps accounts, contacts and opportunities in sync.", "crm", "paid", CertificationTier.CERTIFIED, daysAgo(700), 120, 400,
                1800, 1.0));
        add(new App("pipedrive", "Pipedrive Connector", "Send won deals to the product", List.of("crm", "deals"),
                "Creates accounts when a deal is won.", "crm", "free", CertificationTier.VERIFIED, daysAgo(500), 30, 40, 170, 0.9));
        add(new App("notes", "Meeting Notes", "Notes for every customer call", List.of("meetings", "notes"),
                "Records calls and files notes to the CRM record of the account.", "productivity", "freemium", CertificationTier.LISTED,
                daysAgo(400), 60, 80, 330, 0.8));
        add(new App("timeline", "Timeline", "Every customer conversation in one timeline", List.of("timeline", "history"),
                "A chronological view of conversations.", "support", "free", CertificationTier.LISTED, daysAgo(900), 2, 3, 12, 0.7));
        add(new App("timeline-pro", "Timeline Pro", "The timeline, but pro", List.of("timeline", "history", "conversations"),
                "A copy that buys installs.", "support", "paid", CertificationTier.VERIFIED, daysAgo(60), 200, 150, 700, 1.0));
        add(new App("slack", "Slack Alerts", "Post product events into Slack channels", List.of("slack", "notifications", "alerts"),
                "Sends alerts to Slack.", "communication", "free", CertificationTier.CERTIFIED, daysAgo(800), 90, 300, 1350, 1.0));
        add(new App("teams", "Teams Alerts", "Post product events into Microsoft Teams", List.of("teams", "notifications", "alerts"),
                "Sends alerts to Teams channels.", "communication", "free", CertificationTier.LISTED, daysAgo(800), 5, 4, 14, 0.6));
        add(new App("fresh", "Invoice Chaser", "Chases unpaid invoices politely", List.of("invoices", "dunning"),
                "Emails reminders for overdue invoices.", "finance", "paid", CertificationTier.LISTED, daysAgo(5), 1, 0, 0, 0.9));
        List<ListingSearch.Document> docs = new ArrayList<>();
        apps.values().forEach(a -> docs.add(new ListingSearch.Document(a.id(), a.name(), a.tagline(), a.keywords(), a.description(),
                List.of(a.category()), a.pricing(), a.tier().wire())));
        search.replaceAll(docs);
    }

    private List<String> query(String q) {
        return query(q, ListingSearch.Filters.none());
    }

    private List<String> query(String q, ListingSearch.Filters filters) {
        ListingSearch.Result result = search.search(q, filters);
        RankingFormula.Prior prior = new RankingFormula.Prior(4.0, 5);
        List<RankingFormula.Candidate> candidates = new ArrayList<>();
        for (ListingSearch.Hit hit : result.hits()) {
            App a = apps.get(hit.id());
            double total = RankingFormula.total(new RankingFormula.Signals(hit.relevance(), a.installsDecayed(), a.reviews(),
                    a.stars(), a.reviews() / 2, a.completeness(), a.tier(), 0, 0), prior);
            candidates.add(new RankingFormula.Candidate(a.id(), a.name(), a.published(), total));
        }
        return RankingFormula.order(candidates, q, NOW, Duration.ofDays(30), 2).stream().map(p -> p.candidate().id()).toList();
    }

    @Test
    void crmFindsTheCrmAppsWithTheStrongestFirst() {
        List<String> results = query("crm");
        assertThat(results).startsWith("salesforce", "pipedrive").contains("notes");
    }

    @Test
    void aTypoStillFindsTheApp() {
        assertThat(query("salesforse")).first().isEqualTo("salesforce");
        assertThat(query("pipedrvie")).first().isEqualTo("pipedrive");
        assertThat(query("slak alerts")).first().isEqualTo("slack");
    }

    @Test
    void aCopycatNeverOutranksTheOriginalForItsOwnName() {
        // Timeline Pro has 100× the installs and a better rating, but the query is the original's name.
        assertThat(query("timeline")).containsExactly("timeline", "timeline-pro");
        assertThat(query("Timeline!")).first().isEqualTo("timeline");
        // For other words the stronger listing wins on merit.
        assertThat(query("conversations history")).first().isEqualTo("timeline-pro");
    }

    @Test
    void theNameWeighsMoreThanTheTaglineAndTheTaglineMoreThanTheDescription() {
        // "teams" is in Teams Alerts' name and tagline; Slack Alerts mentions neither.
        assertThat(query("teams")).containsExactly("teams");
        // "notes" is Meeting Notes' name; Salesforce/Pipedrive never say it.
        assertThat(query("notes")).first().isEqualTo("notes");
    }

    @Test
    void popularityAndQualityDecideBetweenEquallyRelevantApps() {
        assertThat(query("alerts")).containsExactly("slack", "teams");
    }

    @Test
    void browsingShowsANewListingInTheNoteworthySlot() {
        for (int i = 0; i < 6; i++) {
            App filler = new App("old" + i, "Established " + i, "A well-known app", List.of("established"), "Old and solid.", "crm", "paid",
                    CertificationTier.VERIFIED, daysAgo(1000), 50, 100, 430, 1.0);
            add(filler);
            search.upsert(new ListingSearch.Document(filler.id(), filler.name(), filler.tagline(), filler.keywords(), filler.description(),
                    List.of("crm"), "paid", "verified"));
        }
        List<String> browse = query("");
        assertThat(browse).hasSize(14);
        // On its score alone the new listing is last; the noteworthy slot lifts it to third place.
        assertThat(browse.get(2)).isEqualTo("fresh");
    }

    @Test
    void facetsCountWhatEachFilterWouldLeave() {
        ListingSearch.Result all = search.search("", ListingSearch.Filters.none());
        assertThat(all.facets().get("category")).containsEntry("crm", 2).containsEntry("communication", 2);
        assertThat(all.facets().get("pricing")).containsEntry("free", 4).containsEntry("paid", 3).containsEntry("freemium", 1);
        assertThat(all.facets().get("certification")).containsEntry("certified", 2);
        ListingSearch.Result free = search.search("", new ListingSearch.Filters(null, "free", null));
        assertThat(free.hits()).extracting(ListingSearch.Hit::id).containsExactlyInAnyOrder("pipedrive", "timeline", "slack", "teams");
        // The pricing facet still offers the other prices while "free" is chosen.
        assertThat(free.facets().get("pricing")).containsEntry("paid", 3);
        assertThat(query("alerts", new ListingSearch.Filters("communication", null, "certified"))).containsExactly("slack");
    }

    @Test
    void unpublishingRemovesFromResults() {
        search.remove("slack");
        assertThat(query("alerts")).containsExactly("teams");
        assertThat(search.size()).isEqualTo(7);
    }
}
