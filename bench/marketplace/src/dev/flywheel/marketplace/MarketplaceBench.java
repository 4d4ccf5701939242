package dev.flywheel.marketplace;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Marketplace benchmark (not part of the build's tests). Two measurements in one run:
 *
 * <ol>
 *   <li>Search: p50/p99 latency of the storefront's full search path (Lucene match with typo
 *       tolerance, facet counts, rank order by the formula with copycat and noteworthy rules, the
 *       first 60 listings as the storefront page shows them) over 10,000 generated listings, next
 *       to a bare Lucene top-20 query of the same text on the same index. Two corpora: a
 *       realistic vocabulary (what the target is judged on) and a 50-word stress case.</li>
 *   <li>Ranking recompute: 10,000 listings and 10,000,000 install events (in memory) aggregated
 *       into ranking signals (decayed install velocity by day, active installs, 30-day retention)
 *       and every listing scored and ordered; next to a bare pass that only counts events per
 *       listing. Time, heap and resident memory.</li>
 * </ol>
 */
public final class MarketplaceBench {

    private static final String[] WORDS = {"crm", "sync", "invoice", "slack", "alerts", "timeline", "notes", "calendar", "backup", "support",
        "tickets", "pipeline", "forms", "survey", "analytics", "dashboard", "billing", "payments", "chat", "email", "marketing", "leads",
        "contacts", "deals", "security", "audit", "export", "import", "workflow", "automation", "reports", "kpi", "hr", "payroll",
        "inventory", "shipping", "orders", "ecommerce", "webinar", "video", "docs", "wiki", "tasks", "projects", "time", "tracking",
        "sms", "voice", "ai", "summaries"};
    private static final String[] BRANDS = {"Acme", "Blue", "Cedar", "Delta", "Echo", "Falcon", "Granite", "Harbor", "Iris", "Juniper",
        "Kite", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Tidal"};
    private static final String[] CATEGORIES = {"crm", "analytics", "communication", "productivity", "developer-tools", "finance",
        "marketing", "security", "support", "data-sync"};

    /** Listings the storefront page shows for a search. */
    private static final int SHOWN = 60;

    public static void main(String[] args) throws Exception {
        int listings = intArg(args, "--listings", 10_000);
        long events = Long.parseLong(stringArg(args, "--events", "10000000"));
        int rounds = intArg(args, "--rounds", 20);
        StringBuilder report = new StringBuilder();
        report.append("Marketplace benchmark, ").append(Instant.now()).append(", Java ").append(System.getProperty("java.version"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, max heap ")
                .append(Runtime.getRuntime().maxMemory() / (1 << 20)).append(" MB\n\n");
        search("realistic vocabulary (3,050 words, Zipf frequencies, 2,000 brands)", new Realistic(), listings, rounds, report);
        search("stress vocabulary (50 words drawn uniformly, 20 brands)", STRESS, listings, rounds, report);
        recompute(listings, events, report);
        System.out.print(report);
        Path results = Path.of("bench", "results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("marketplace-" + System.currentTimeMillis() + ".txt"), report);
    }

    // ---------------------------------------------------------------- search

    /** Where the words of the generated listings and queries come from. */
    private interface Corpus {
        String word(Random random);

        String brand(Random random);
    }

    /** 50 words drawn uniformly and 20 brands: one common word matches ~20% of the listings. */
    private static final Corpus STRESS = new Corpus() {
        @Override
        public String word(Random random) {
            return WORDS[random.nextInt(WORDS.length)];
        }

        @Override
        public String brand(Random random) {
            return BRANDS[random.nextInt(BRANDS.length)];
        }
    };

    /**
     * A vocabulary shaped like real text: the 50 product words plus 3,000 generated ones, drawn
     * with Zipf's law (the n-th most frequent word has weight 1/n), and 2,000 distinct brand names.
     */
    private static final class Realistic implements Corpus {

        private final String[] vocabulary;
        private final double[] cumulative;
        private final String[] brands;

        Realistic() {
            Random random = new Random(99);
            java.util.LinkedHashSet<String> words = new java.util.LinkedHashSet<>(List.of(WORDS));
            while (words.size() < WORDS.length + 3000) {
                words.add(syllables(random, 2 + random.nextInt(2)));
            }
            vocabulary = words.toArray(String[]::new);
            // Shuffle so the product words are spread over the frequency ranks, not all at the top.
            for (int i = vocabulary.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                String t = vocabulary[i];
                vocabulary[i] = vocabulary[j];
                vocabulary[j] = t;
            }
            cumulative = new double[vocabulary.length];
            double sum = 0;
            for (int i = 0; i < vocabulary.length; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>(List.of(BRANDS));
            while (names.size() < 2000) {
                names.add(cap(syllables(random, 2 + random.nextInt(2))));
            }
            brands = names.toArray(String[]::new);
        }

        @Override
        public String word(Random random) {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int i = Arrays.binarySearch(cumulative, x);
            return vocabulary[Math.min(vocabulary.length - 1, i < 0 ? -i - 1 : i)];
        }

        @Override
        public String brand(Random random) {
            return brands[random.nextInt(brands.length)];
        }

        private static String syllables(Random random, int n) {
            String[] onsets = {"b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cl", "dr", "gr", "st", "tr"};
            String[] vowels = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
            String[] codas = {"", "", "n", "r", "s", "l", "x", "t"};
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append(onsets[random.nextInt(onsets.length)]).append(vowels[random.nextInt(vowels.length)]).append(codas[random.nextInt(codas.length)]);
            }
            return out.toString();
        }
    }

    private static void search(String title, Corpus corpus, int count, int rounds, StringBuilder report) {
        Random random = new Random(42);
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        MarketplaceProperties properties = properties();
        StorefrontIndex index = new StorefrontIndex(null, null, properties, Clock.fixed(now, ZoneOffset.UTC));
        List<StorefrontIndex.Entry> entries = new ArrayList<>(count);
        Map<String, SignalsRepository.Raw> raw = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("lst_bench%021d", i);
            String name = corpus.brand(random) + " " + cap(corpus.word(random)) + (random.nextInt(4) == 0 ? " " + cap(corpus.word(random)) : "");
            ListingContent content = new ListingContent(name,
                    "The " + corpus.word(random) + " " + corpus.word(random) + " app for " + corpus.word(random) + " teams",
                    "Helps with " + corpus.word(random) + ", " + corpus.word(random) + " and " + corpus.word(random) + " so teams save time on "
                            + corpus.word(random) + ".",
                    "Connects " + corpus.word(random) + " with " + corpus.word(random) + ".", "Install and go.",
                    List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]),
                    List.of(corpus.word(random), corpus.word(random), corpus.word(random)), List.of(), null,
                    random.nextBoolean() ? List.of(new PricingPlan("Free", PricingPlan.Kind.FREE, Money.zero("USD")))
                            : List.of(new PricingPlan("Team", PricingPlan.Kind.PER_SEAT, Money.of(800, "USD"))),
                    null, null, null, null, List.of(), List.of(), List.of(), List.of());
            CertificationTier tier = CertificationTier.values()[random.nextInt(10) < 7 ? 0 : random.nextInt(3)];
            Listing listing = new Listing(id, "prt_bench", "bench-" + i, "lsv_" + i, null, now.minus(Duration.ofDays(random.nextInt(900))), null, null,
                    tier, now, now);
            ListingVersion version = new ListingVersion("lsv_" + i, id, 1, SubmissionState.PUBLISHED, content, List.of(), null, null, null, null,
                    now, now);
            entries.add(new StorefrontIndex.Entry(listing, version, Completeness.of(content).score(), content.pricingModel()));
            long reviews = random.nextInt(200);
            raw.put(id, new SignalsRepository.Raw(random.nextDouble() * 100, now, random.nextInt(5000), reviews,
                    reviews * (2 + random.nextInt(4)), random.nextInt((int) reviews + 1), random.nextInt(1000), random.nextInt(800)));
        }
        long indexStart = System.nanoTime();
        index.load(entries, raw, 4.1);
        long indexMillis = (System.nanoTime() - indexStart) / 1_000_000;
        Storefront storefront = new Storefront(index, properties);
        LuceneListingSearch lucene = (LuceneListingSearch) index.search();

        List<String> queries = new ArrayList<>();
        Random q = new Random(7);
        for (int i = 0; i < 200; i++) {
            switch (i % 5) {
                case 0 -> queries.add(corpus.word(q));
                case 1 -> queries.add(corpus.word(q) + " " + corpus.word(q));
                case 2 -> queries.add(typo(corpus.word(q), q));
                case 3 -> queries.add(corpus.brand(q) + " " + cap(corpus.word(q)));
                default -> queries.add(corpus.word(q) + " " + corpus.word(q) + " " + corpus.word(q));
            }
        }
        // Warm-up: JIT and Lucene caches, both paths.
        for (int i = 0; i < 3; i++) {
            for (String text : queries) {
                storefront.search(text, ListingSearch.Filters.none(), SHOWN);
                lucene.top(text, 20);
            }
        }
        long[] full = new long[queries.size() * rounds];
        long[] bare = new long[queries.size() * rounds];
        long[] cold = new long[queries.size()];
        long hits = 0;
        int n = 0;
        System.gc();
        for (int r = 0; r < rounds; r++) {
            for (String text : queries) {
                // Alternate which side goes first, so a collection one side's garbage triggers lands on both alike.
                if (n % 2 == 0) {
                    long t0 = System.nanoTime();
                    hits += storefront.search(text, ListingSearch.Filters.none(), SHOWN).total();
                    long t1 = System.nanoTime();
                    lucene.top(text, 20);
                    bare[n] = System.nanoTime() - t1;
                    full[n] = t1 - t0;
                } else {
                    long t0 = System.nanoTime();
                    lucene.top(text, 20);
                    long t1 = System.nanoTime();
                    hits += storefront.search(text, ListingSearch.Filters.none(), SHOWN).total();
                    full[n] = System.nanoTime() - t1;
                    bare[n] = t1 - t0;
                }
                n++;
            }
        }
        // First sight: the typo automata of every word built again, as for a query nobody typed before.
        for (int i = 0; i < queries.size(); i++) {
            TypoQuery.clearCache();
            long t0 = System.nanoTime();
            storefront.search(queries.get(i), ListingSearch.Filters.none(), SHOWN);
            cold[i] = System.nanoTime() - t0;
        }
        Arrays.sort(full);
        Arrays.sort(bare);
        Arrays.sort(cold);
        double fullP50 = ms(full[full.length / 2]);
        double fullP99 = ms(full[(int) Math.ceil(full.length * 0.99) - 1]);
        double bareP50 = ms(bare[bare.length / 2]);
        double bareP99 = ms(bare[(int) Math.ceil(bare.length * 0.99) - 1]);
        report.append("Search, ").append(title).append(": ").append(count).append(" listings (index built in ").append(indexMillis)
                .append(" ms), ").append(full.length).append(" queries (").append(queries.size())
                .append(" distinct: words, pairs, typos, brand + word, triples), ")
                .append(String.format("%.0f", (double) hits / full.length)).append(" matches per query on average\n");
        report.append(String.format("  storefront search (match, facets, rank order, first %d): p50 %.3f ms   p99 %.3f ms%n", SHOWN, fullP50, fullP99));
        report.append(String.format("  bare Lucene top-20, same query, same index:            p50 %.3f ms   p99 %.3f ms%n", bareP50, bareP99));
        report.append(String.format("  ratio storefront / bare Lucene: p50 %.2f   p99 %.2f   (target: storefront p99 under 10 ms)%n",
                fullP50 / bareP50, fullP99 / bareP99));
        report.append(String.format("  storefront, first sight of every word (typo automata rebuilt): p50 %.3f ms   p99 %.3f ms%n%n",
                ms(cold[cold.length / 2]), ms(cold[(int) Math.ceil(cold.length * 0.99) - 1])));
    }

    // ---------------------------------------------------------------- ranking recompute

    private static void recompute(int listings, long eventCount, StringBuilder report) {
        int events = (int) Math.min(Integer.MAX_VALUE - 8, eventCount);
        Random random = new Random(11);
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        // One install event: which listing, how many days ago (0..364), and after how many days it was uninstalled (-1 = never).
        int[] listing = new int[events];
        short[] age = new short[events];
        short[] keptDays = new short[events];
        for (int i = 0; i < events; i++) {
            // Popularity follows a power law: a few listings get most installs.
            listing[i] = (int) Math.min(listings - 1, Math.floor(Math.pow(random.nextDouble(), 3) * listings));
            age[i] = (short) random.nextInt(365);
            keptDays[i] = (short) (random.nextInt(100) < 15 ? random.nextInt(60) : -1);
        }
        System.gc();
        long heapBefore = usedHeap();

        // Reference: touch every event once and count it per listing.
        long t0 = System.nanoTime();
        long[] counts = new long[listings];
        for (int i = 0; i < events; i++) {
            counts[listing[i]]++;
        }
        long bareNanos = System.nanoTime() - t0;

        // Full recompute, the same arithmetic as SignalsRepository + RankingFormula.
        MarketplaceProperties properties = properties();
        Duration halfLife = properties.installHalfLife();
        long t1 = System.nanoTime();
        double[] dayWeight = new double[365];
        for (int d = 0; d < 365; d++) {
            dayWeight[d] = RankingFormula.decay(Duration.ofDays(d).plusHours(12), halfLife);
        }
        double[] decayed = new double[listings];
        long[] active = new long[listings];
        long[] eligible = new long[listings];
        long[] retained = new long[listings];
        for (int i = 0; i < events; i++) {
            int l = listing[i];
            decayed[l] += dayWeight[age[i]];
            boolean uninstalled = keptDays[i] >= 0 && keptDays[i] <= age[i];
            if (!uninstalled) {
                active[l]++;
            }
            if (age[i] >= 30) {
                eligible[l]++;
                if (keptDays[i] < 0 || keptDays[i] >= 30) {
                    retained[l]++;
                }
            }
        }
        RankingFormula.Prior prior = new RankingFormula.Prior(4.1, properties.ratingPriorWeight());
        List<RankingFormula.Candidate> candidates = new ArrayList<>(listings);
        Random r = new Random(3);
        for (int l = 0; l < listings; l++) {
            long reviews = active[l] / 20;
            double total = RankingFormula.total(new RankingFormula.Signals(0, decayed[l], reviews, reviews * 4, reviews / 2,
                    0.8, CertificationTier.LISTED, eligible[l], retained[l]), prior);
            candidates.add(new RankingFormula.Candidate("lst_" + l, "App " + l, now.minus(Duration.ofDays(r.nextInt(900))), total));
        }
        List<RankingFormula.Placed> order = RankingFormula.order(candidates, null, now, properties.newListingDays(), properties.noteworthySlots());
        long fullNanos = System.nanoTime() - t1;
        long heapAfter = usedHeap();

        report.append("Ranking recompute: ").append(listings).append(" listings, ").append(events).append(" install events (in memory; ")
                .append("events occupy ").append((events * (4L + 2 + 2)) / (1 << 20)).append(" MB)\n");
        report.append(String.format("  full recompute (decayed velocity, active installs, 30-day retention, score and order all): %.1f ms%n",
                fullNanos / 1e6));
        report.append(String.format("  bare pass counting events per listing:                                                 %.1f ms%n",
                bareNanos / 1e6));
        report.append(String.format("  ratio full / bare: %.2f%n", (double) fullNanos / bareNanos));
        report.append(String.format("  heap used by the recompute's own state: %.1f MB; process peak resident memory (VmHWM): %s%n",
                Math.max(0, heapAfter - heapBefore) / 1048576.0, vmHwm()));
        report.append("  top of the order: ").append(order.get(0).candidate().id()).append(" (score ")
                .append(String.format("%.4f", order.get(0).candidate().total())).append(")\n");
    }

    // ---------------------------------------------------------------- helpers

    private static MarketplaceProperties properties() {
        return new MarketplaceProperties(List.of(CATEGORIES), Duration.ofHours(72), false, Duration.ofSeconds(5), Duration.ofDays(45),
                Duration.ofDays(14), Duration.ofDays(30), 5, Duration.ofDays(30), 2, new BigDecimal("0.70"), Duration.ofMinutes(5));
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String typo(String word, Random random) {
        if (word.length() < 4) {
            return word;
        }
        int i = 1 + random.nextInt(word.length() - 2);
        return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (Exception e) {
            return "n/a";
        }
        return "n/a";
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, String.valueOf(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
