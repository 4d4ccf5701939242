package dev.flywheel.marketplace;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What the storefront searches and ranks, held in memory: the live listings, their search index
 * and their ranking signals. It is derived data, never authoritative: rebuilt from the database
 * on start and every {@code index-refresh} (so each node picks up what other nodes changed), and
 * updated at once on this node when a listing is published, suspended or reinstated, and when an
 * install or review changes a listing's signals.
 */
@Component
class StorefrontIndex {

    private static final Logger log = LoggerFactory.getLogger(StorefrontIndex.class);

    /** A live listing as the storefront sees it. */
    record Entry(Listing listing, ListingVersion version, double completeness, String pricingModel) {

        public String id() {
            return listing.id();
        }

        public ListingContent content() {
            return version.content();
        }
    }

    /**
     * What a live listing brings to every query, computed when its listing or its signals are
     * loaded: the formula's signals without relevance (install velocity decayed to {@code asOf}),
     * {@link RankingFormula#standing} of them, and the name as the copycat rule compares it.
     */
    record Standing(String id, Entry entry, SignalsRepository.Raw raw, RankingFormula.Signals signals, double standing,
            String normalizedName, Instant publishedAt, Instant asOf) {
    }

    /** Every live listing's standing under one prior, replaced as a whole so a search never mixes two priors. */
    record Standings(Map<String, Standing> byId, RankingFormula.Prior prior) {
    }

    private final ListingRepository listings;
    private final SignalsRepository signalsRepository;
    private final MarketplaceProperties properties;
    private final Clock clock;
    private final ListingSearch search;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, SignalsRepository.Raw> signals = new ConcurrentHashMap<>();
    private volatile double meanRating = 3.5;
    private volatile Standings standings = new Standings(Map.of(), null);

    StorefrontIndex(ListingRepository listings, SignalsRepository signalsRepository, MarketplaceProperties properties, Clock clock) {
        this.listings = listings;
        this.signalsRepository = signalsRepository;
        this.properties = properties;
        this.clock = clock;
        this.search = new LuceneListingSearch();
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        rebuild();
    }

    @Scheduled(fixedDelayString = "${flywheel.marketplace.index-refresh:5m}", initialDelayString = "${flywheel.marketplace.index-refresh:5m}")
    void periodically() {
        rebuild();
    }

    /** Reloads every live listing and every signal from the database. */
    synchronized void rebuild() {
        long start = System.nanoTime();
        List<ListingRepository.Live> live = listings.live();
        Map<String, Entry> fresh = new ConcurrentHashMap<>();
        live.forEach(l -> fresh.put(l.listing().id(), entry(l)));
        search.replaceAll(fresh.values().stream().map(StorefrontIndex::document).toList());
        entries.keySet().retainAll(fresh.keySet());
        entries.putAll(fresh);
        Map<String, SignalsRepository.Raw> loaded = signalsRepository.load(null, clock.instant(), properties.installHalfLife());
        signals.keySet().retainAll(loaded.keySet());
        signals.putAll(loaded);
        meanRating = signalsRepository.meanRating();
        restand();
        log.debug("Storefront index rebuilt: {} listings in {} ms", fresh.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Replaces everything with the given entries and signals, without the database: what
     * {@link #rebuild()} does after reading, for benchmarks and tests of the storefront itself.
     */
    synchronized void load(Collection<Entry> live, Map<String, SignalsRepository.Raw> raw, double mean) {
        entries.clear();
        live.forEach(e -> entries.put(e.id(), e));
        search.replaceAll(live.stream().map(StorefrontIndex::document).toList());
        signals.clear();
        signals.putAll(raw);
        meanRating = mean;
        restand();
    }

    /** Re-reads one listing: indexed when live, removed otherwise. */
    synchronized void refreshListing(String listingId) {
        Optional<ListingRepository.Live> live = listings.live(listingId);
        if (live.isPresent()) {
            Entry entry = entry(live.get());
            entries.put(listingId, entry);
            search.upsert(document(entry));
        } else {
            entries.remove(listingId);
            search.remove(listingId);
        }
        refreshSignals(listingId);
    }

    synchronized void refreshSignals(String listingId) {
        SignalsRepository.Raw raw = signalsRepository.load(listingId, clock.instant(), properties.installHalfLife()).get(listingId);
        if (raw == null) {
            signals.remove(listingId);
        } else {
            signals.put(listingId, raw);
        }
        double mean = signalsRepository.meanRating();
        if (mean != meanRating || standings.prior() == null) {
            // A new mean rating moves every listing's rating term.
            meanRating = mean;
            restand();
            return;
        }
        Map<String, Standing> next = new HashMap<>(standings.byId());
        Entry entry = entries.get(listingId);
        if (entry == null) {
            next.remove(listingId);
        } else {
            next.put(listingId.intern(), standing(entry, standings.prior(), clock.instant()));
        }
        standings = new Standings(next, standings.prior());
    }

    /** Recomputes every live listing's standing: on rebuild and whenever the prior changes. */
    private void restand() {
        RankingFormula.Prior prior = new RankingFormula.Prior(meanRating, properties.ratingPriorWeight());
        Instant now = clock.instant();
        Map<String, Standing> next = new HashMap<>(entries.size() * 2);
        entries.values().forEach(e -> next.put(e.id().intern(), standing(e, prior, now)));
        standings = new Standings(next, prior);
    }

    private Standing standing(Entry entry, RankingFormula.Prior prior, Instant now) {
        SignalsRepository.Raw raw = signals(entry.id());
        RankingFormula.Signals s = new RankingFormula.Signals(0, raw.decayedInstallsAt(now, properties.installHalfLife()), raw.reviewCount(),
                raw.starSum(), raw.replies(), entry.completeness(), entry.listing().tier(), raw.retentionEligible(), raw.retained());
        // The id is interned as the search's id table is, so looking a match up compares references, not characters.
        return new Standing(entry.id().intern(), entry, raw, s, RankingFormula.standing(s, prior),
                NameSimilarity.normalizeWords(entry.content().name()), entry.listing().firstPublishedAt(), now);
    }

    /** Every live listing's standing, one consistent snapshot. */
    Standings standings() {
        return standings;
    }

    /** One live listing's standing, computed now if the listing went live after the last snapshot. */
    Optional<Standing> standing(String listingId) {
        Standings current = standings;
        Standing found = current.byId().get(listingId);
        if (found != null) {
            return Optional.of(found);
        }
        Entry entry = entries.get(listingId);
        return entry == null ? Optional.empty()
                : Optional.of(standing(entry, new RankingFormula.Prior(meanRating, properties.ratingPriorWeight()), clock.instant()));
    }

    @TransactionalEventListener
    void on(ListingPublished event) {
        refreshListing(event.listingId());
    }

    @TransactionalEventListener
    void on(ListingSuspended event) {
        refreshListing(event.listingId());
    }

    @TransactionalEventListener
    void on(ListingReinstated event) {
        refreshListing(event.listingId());
    }

    @TransactionalEventListener
    void on(SignalsChanged event) {
        refreshSignals(event.listingId());
    }

    @TransactionalEventListener
    void on(TierChanged event) {
        refreshListing(event.listingId());
    }

    Optional<Entry> entry(String listingId) {
        return Optional.ofNullable(entries.get(listingId));
    }

    Optional<Entry> bySlug(String slug) {
        return entries.values().stream().filter(e -> e.listing().slug().equals(slug)).findFirst();
    }

    Collection<Entry> all() {
        return entries.values();
    }

    SignalsRepository.Raw signals(String listingId) {
        return signals.getOrDefault(listingId, SignalsRepository.Raw.none(clock.instant()));
    }

    double meanRating() {
        return meanRating;
    }

    ListingSearch search() {
        return search;
    }

    Instant now() {
        return clock.instant();
    }

    static Entry entry(ListingRepository.Live live) {
        ListingContent c = live.version().content();
        return new Entry(live.listing(), live.version(), Completeness.of(c).score(), c.pricingModel());
    }

    static ListingSearch.Document document(Entry e) {
        ListingContent c = e.content();
        return new ListingSearch.Document(e.id(), c.name(), c.tagline(), c.keywords(), c.description(), c.categories(), e.pricingModel(),
                e.listing().tier().wire());
    }
}
