package dev.flywheel.marketplace;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
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

    private final ListingRepository listings;
    private final SignalsRepository signalsRepository;
    private final MarketplaceProperties properties;
    private final Clock clock;
    private final ListingSearch search;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, SignalsRepository.Raw> signals = new ConcurrentHashMap<>();
    private volatile double meanRating = 3.5;

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
    }

    /** Re-reads one listing: indexed when live, removed otherwise. */
    void refreshListing(String listingId) {
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

    void refreshSignals(String listingId) {
        SignalsRepository.Raw raw = signalsRepository.load(listingId, clock.instant(), properties.installHalfLife()).get(listingId);
        if (raw == null) {
            signals.remove(listingId);
        } else {
            signals.put(listingId, raw);
        }
        meanRating = signalsRepository.meanRating();
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
