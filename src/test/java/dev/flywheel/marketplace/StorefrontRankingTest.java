package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storefront ranks only what can reach the requested places (each listing's standing plus the
 * query's relevance term, a bounded selection, then {@link RankingFormula#order}). These tests hold
 * it to the plain definition on a generated marketplace: every match scored by the formula, all of
 * them ordered, facets counted one listing at a time — same listings, same places, same scores,
 * same exact-name and noteworthy flags, for searches, filters, cursor pages and ranking positions.
 */
class StorefrontRankingTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final String[] WORDS = {"crm", "sync", "invoice", "slack", "alerts", "timeline", "notes", "calendar", "backup",
        "support", "tickets", "pipeline", "forms", "survey", "analytics", "dashboard", "billing", "payments", "chat", "email"};
    private static final String[] CATEGORIES = {"crm", "analytics", "communication", "productivity", "finance"};

    private final MarketplaceProperties properties = new MarketplaceProperties(List.of(CATEGORIES), Duration.ofHours(72), false,
            Duration.ofSeconds(5), Duration.ofDays(45), Duration.ofDays(14), Duration.ofDays(30), 5, Duration.ofDays(30), 2,
            new BigDecimal("0.70"), Duration.ofMinutes(5));
    private final StorefrontIndex index = new StorefrontIndex(null, null, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Storefront storefront = new Storefront(index, properties);
    private final List<StorefrontIndex.Entry> entries = new ArrayList<>();

    @BeforeEach
    void marketplace() {
        Random random = new Random(17);
        Map<String, SignalsRepository.Raw> raw = new HashMap<>();
        for (int i = 0; i < 1500; i++) {
            String id = String.format("lst_test%05d", i);
            // Some listings share a name exactly (an original and its copycats), many are new.
            String name = i % 50 == 0 ? "Timeline Sync" : cap(word(random)) + " " + cap(word(random)) + (i % 3 == 0 ? " " + cap(word(random)) : "");
            int age = random.nextInt(10) < 3 ? random.nextInt(30) : 30 + random.nextInt(900);
            List<String> categories = random.nextBoolean() ? List.of(CATEGORIES[random.nextInt(CATEGORIES.length)])
                    : List.of(CATEGORIES[random.nextInt(CATEGORIES.length)], CATEGORIES[random.nextInt(CATEGORIES.length)]);
            List<PricingPlan> pricing = switch (random.nextInt(3)) {
                case 0 -> List.of(new PricingPlan("Free", PricingPlan.Kind.FREE, Money.zero("USD")));
                case 1 -> List.of(new PricingPlan("Team", PricingPlan.Kind.PER_SEAT, Money.of(800, "USD")));
                default -> List.of(new PricingPlan("Free", PricingPlan.Kind.FREE, Money.zero("USD")),
                        new PricingPlan("Pro", PricingPlan.Kind.FLAT_MONTHLY, Money.of(4900, "USD")));
            };
            ListingContent content = new ListingContent(name, "The " + word(random) + " app for " + word(random) + " teams",
                    "Helps with " + word(random) + " and " + word(random) + ".", "Connects " + word(random) + ".", "Install and go.",
                    categories.stream().distinct().toList(), List.of(word(random), word(random)), List.of(), null, pricing,
                    null, null, null, null, List.of(), List.of(), List.of(), List.of());
            Listing listing = new Listing(id, "prt_test", "test-" + i, "lsv_" + i, null, NOW.minus(Duration.ofDays(age)), null, null,
                    CertificationTier.values()[random.nextInt(3)], NOW, NOW);
            ListingVersion version = new ListingVersion("lsv_" + i, id, 1, SubmissionState.PUBLISHED, content, List.of(), null, null, null,
                    null, NOW, NOW);
            entries.add(new StorefrontIndex.Entry(listing, version, Completeness.of(content).score(), content.pricingModel()));
            // A third have no signals at all, so many standings tie and the tie-breakers decide.
            if (random.nextInt(3) > 0) {
                long reviews = random.nextInt(60);
                raw.put(id, new SignalsRepository.Raw(random.nextDouble() * 50, NOW, random.nextInt(500), reviews,
                        reviews * (2 + random.nextInt(4)), random.nextInt((int) reviews + 1), random.nextInt(100), random.nextInt(80)));
            }
        }
        index.load(entries, raw, 3.9);
    }

    /** The plain definition: score every match with the formula and order all of them. */
    private List<RankingFormula.Placed> reference(String text, ListingSearch.Filters filters) {
        ListingSearch.Result result = index.search().search(text, filters);
        RankingFormula.Prior prior = index.standings().prior();
        List<RankingFormula.Candidate> candidates = new ArrayList<>();
        for (ListingSearch.Hit hit : result.hits()) {
            StorefrontIndex.Standing s = index.standings().byId().get(hit.id());
            candidates.add(new RankingFormula.Candidate(hit.id(), s.entry().content().name(), s.entry().listing().firstPublishedAt(),
                    RankingFormula.total(s.signals().withRelevance(hit.relevance()), prior)));
        }
        return RankingFormula.order(candidates, text, NOW, properties.newListingDays(), properties.noteworthySlots());
    }

    private static final List<String> QUERIES = List.of("", "crm", "sync", "timeline sync", "Timeline Sync", "invoce", "slak alerts",
            "billing payments", "notes calendar backup", "dash", "nothing-matches-this", "support tickets email chat");
    private static final List<ListingSearch.Filters> FILTERS = List.of(ListingSearch.Filters.none(),
            new ListingSearch.Filters("crm", null, null), new ListingSearch.Filters(null, "free", null),
            new ListingSearch.Filters("finance", "freemium", "certified"), new ListingSearch.Filters(null, null, "verified"));

    @Test
    void theFirstPlacesAreThoseOfTheFullOrderWithTheSameScoresAndFlags() {
        for (String q : QUERIES) {
            for (ListingSearch.Filters filters : FILTERS) {
                List<RankingFormula.Placed> expected = reference(q, filters);
                for (int limit : new int[] {1, 3, 7, 8, 20, 60}) {
                    Storefront.Results results = storefront.search(q, filters, limit);
                    assertThat(results.total()).as("total for '%s' %s", q, filters).isEqualTo(expected.size());
                    List<RankingFormula.Placed> head = expected.subList(0, Math.min(limit, expected.size()));
                    assertThat(results.ranked()).as("'%s' %s limit %d", q, filters, limit).hasSize(head.size());
                    for (int i = 0; i < head.size(); i++) {
                        Storefront.Ranked r = results.ranked().get(i);
                        RankingFormula.Placed p = head.get(i);
                        assertThat(r.entry().id()).as("place %d of '%s' %s", i, q, filters).isEqualTo(p.candidate().id());
                        assertThat(r.total()).isEqualTo(p.candidate().total());
                        assertThat(r.exactName()).isEqualTo(p.exactName());
                        assertThat(r.noteworthy()).isEqualTo(p.noteworthy());
                        // The breakdown the ranking API shows adds up to the total the order used.
                        assertThat(r.score().total()).isCloseTo(r.total(), org.assertj.core.api.Assertions.within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void theCornerCasesAreExercised() {
        // Otherwise the equality above could pass without ever testing copycats or noteworthy slots.
        List<RankingFormula.Placed> timeline = reference("Timeline Sync", ListingSearch.Filters.none());
        assertThat(timeline.stream().filter(RankingFormula.Placed::exactName).count()).isGreaterThanOrEqualTo(30);
        assertThat(reference("", ListingSearch.Filters.none()).stream().filter(RankingFormula.Placed::noteworthy).count()).isEqualTo(2);
        assertThat(storefront.search("", ListingSearch.Filters.none(), 10).ranked()).filteredOn(Storefront.Ranked::noteworthy).hasSize(2);
    }

    @Test
    void cursorPagesWalkTheWholeOrderWithoutGapsOrRepeats() {
        for (String q : List.of("", "sync", "Timeline Sync", "invoce")) {
            for (ListingSearch.Filters filters : FILTERS.subList(0, 3)) {
                List<String> expected = reference(q, filters).stream().map(p -> p.candidate().id()).toList();
                List<String> walked = new ArrayList<>();
                String after = null;
                for (int guard = 0; guard < 1000; guard++) {
                    CursorPage<Storefront.Ranked> page = storefront.page(q, filters, new PageQuery(37, after));
                    page.data().forEach(r -> walked.add(r.entry().id()));
                    if (!page.hasMore()) {
                        break;
                    }
                    after = page.nextStartingAfter();
                }
                assertThat(walked).as("'%s' %s", q, filters).isEqualTo(expected);
            }
        }
        assertThatThrownBy(() -> storefront.page("crm", ListingSearch.Filters.none(), new PageQuery(10, "lst_unknown")))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aListingsRankingPositionIsItsPlaceInTheFullOrder() {
        for (String q : List.of("", "sync", "Timeline Sync", "billing payments")) {
            List<RankingFormula.Placed> expected = reference(q, ListingSearch.Filters.none());
            for (int place : new int[] {0, 1, 2, 6, 7, expected.size() / 2, expected.size() - 1}) {
                if (place < 0 || place >= expected.size()) {
                    continue;
                }
                String id = expected.get(place).candidate().id();
                String slug = index.entry(id).orElseThrow().listing().slug();
                Storefront.Ranking ranking = storefront.ranking(slug, q).orElseThrow();
                assertThat(ranking.position()).as("'%s' place %d", q, place).isEqualTo(place + 1);
                assertThat(ranking.of()).isEqualTo(expected.size());
                assertThat(ranking.ranked().total()).isEqualTo(expected.get(place).candidate().total());
            }
        }
    }

    @Test
    void facetsCountEveryMatchLeavingOutTheirOwnFilter() {
        for (String q : QUERIES) {
            for (ListingSearch.Filters filters : FILTERS) {
                Map<String, Map<String, Integer>> expected = new HashMap<>();
                expected.put("category", new TreeMap<>());
                expected.put("pricing", new TreeMap<>());
                expected.put("certification", new TreeMap<>());
                for (ListingSearch.Hit hit : index.search().search(q, ListingSearch.Filters.none()).hits()) {
                    StorefrontIndex.Entry e = index.entry(hit.id()).orElseThrow();
                    boolean category = filters.category() == null || e.content().categories().contains(filters.category());
                    boolean pricing = filters.pricing() == null || filters.pricing().equals(e.pricingModel());
                    boolean tier = filters.tier() == null || filters.tier().equals(e.listing().tier().wire());
                    if (pricing && tier) {
                        e.content().categories().forEach(c -> expected.get("category").merge(c, 1, Integer::sum));
                    }
                    if (category && tier) {
                        expected.get("pricing").merge(e.pricingModel(), 1, Integer::sum);
                    }
                    if (category && pricing) {
                        expected.get("certification").merge(e.listing().tier().wire(), 1, Integer::sum);
                    }
                }
                assertThat(storefront.search(q, filters, 5).facets()).as("'%s' %s", q, filters).isEqualTo(expected);
            }
        }
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
