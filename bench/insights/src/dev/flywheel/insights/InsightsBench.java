package dev.flywheel.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBAppender;

/**
 * Insights engines against DuckDB on the same generated raw data, in one run: NRR/GRR by depth,
 * attribution under all five models, and the overlap count of two populations. Prints both
 * figures, their ratio, memory, and whether the answers are equal.
 *
 * Arguments: customers months touchpoints populationSize (defaults 100000 36 10000000 1000000).
 */
public final class InsightsBench {

    static final long DAY = 86_400;

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int months = args.length > 1 ? Integer.parseInt(args[1]) : 36;
        int touchCount = args.length > 2 ? Integer.parseInt(args[2]) : 10_000_000;
        int population = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        System.out.printf("insights bench: %,d customers x %d months, %,d touchpoints, %,d x %,d mapping; %d cores, max heap %,d MB%n",
                customers, months, touchCount, population, population, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            boolean ok = retention(duck, customers, months);
            ok &= attribution(duck, customers, touchCount);
            ok &= overlap(duck, population);
            System.out.println(ok ? "ALL ANSWERS EQUAL" : "ANSWERS DIFFER");
            if (!ok) {
                System.exit(1);
            }
        }
    }

    // ---------------------------------------------------------------- retention

    static boolean retention(Connection duck, int customers, int months) throws Exception {
        Random r = new Random(42);
        LocalDate first = LocalDate.of(2022, 1, 1);
        List<MrrTimeline> timelines = new ArrayList<>(customers);
        int[] depth = new int[customers];
        try (Statement s = duck.createStatement()) {
            s.execute("create table mrr (account integer, day integer, mrr bigint)");
            s.execute("create table installs (account integer, integration integer, installed_at bigint, uninstalled_at bigint)");
        }
        long rows = 0;
        long startEpoch = LocalDate.of(2024, 1, 1).toEpochDay() * DAY;
        try (DuckDBAppender mrr = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "mrr");
             DuckDBAppender ins = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "installs")) {
            for (int a = 0; a < customers; a++) {
                int n = months;
                LocalDate[] dates = new LocalDate[n];
                long[] amounts = new long[n];
                long v = 5_000 + r.nextInt(200) * 100L;
                int count = 0;
                int startMonth = r.nextInt(months);
                for (int m = startMonth; m < months; m++) {
                    LocalDate d = first.plusMonths(m).plusDays(r.nextInt(28));
                    double roll = r.nextDouble();
                    if (count > 0) {
                        v = roll < 0.03 ? 0 : roll < 0.08 ? (v == 0 ? 5_000 : v + v / 5) : roll < 0.11 ? v - v / 5 : v;
                    }
                    dates[count] = d;
                    amounts[count] = v;
                    count++;
                    mrr.beginRow();
                    mrr.append(a);
                    mrr.append((int) d.toEpochDay());
                    mrr.append(v);
                    mrr.endRow();
                }
                rows += count;
                timelines.add(new MrrTimeline(String.valueOf(a), java.util.Arrays.copyOf(dates, count), java.util.Arrays.copyOf(amounts, count)));
                int k = r.nextInt(6);
                Set<Integer> active = new HashSet<>();
                for (int i = 0; i < k; i++) {
                    int integration = r.nextInt(8);
                    long at = first.plusDays(r.nextInt(months * 30)).toEpochDay() * DAY;
                    long until = r.nextInt(4) == 0 ? at + r.nextInt(400) * DAY : Long.MAX_VALUE;
                    ins.beginRow();
                    ins.append(a);
                    ins.append(integration);
                    ins.append(at);
                    ins.append(until);
                    ins.endRow();
                    if (at <= startEpoch && until > startEpoch) {
                        active.add(integration);
                    }
                }
                depth[a] = active.size();
            }
        }
        System.out.printf("%nretention: %,d MRR changes, period 2024-01..2024-12%n", rows);
        YearMonth from = YearMonth.of(2024, 1);
        YearMonth to = YearMonth.of(2024, 12);
        long t0 = System.nanoTime();
        RetentionCalculator calc = null;
        for (int rep = 0; rep < 3; rep++) {
            t0 = System.nanoTime();
            calc = new RetentionCalculator(from, to);
            for (int a = 0; a < customers; a++) {
                calc.add(timelines.get(a), depth[a]);
            }
        }
        long flywheel = System.nanoTime() - t0;
        String sql = """
                with d as (
                  select account, count(distinct integration) as depth from installs
                  where installed_at <= %d and uninstalled_at > %d group by account),
                s as (
                  select account, coalesce(arg_max(mrr, day) filter (where day <= %d), 0) as start_mrr,
                         coalesce(arg_max(mrr, day) filter (where day <= %d), 0) as end_mrr
                  from mrr group by account)
                select case when coalesce(d.depth, 0) = 0 then '0' when d.depth <= 2 then '1-2' else '3+' end as segment,
                  count(*), sum(start_mrr), sum(end_mrr), sum(least(start_mrr, end_mrr)), count(*) filter (where end_mrr = 0)
                from s left join d on d.account = s.account where start_mrr > 0 group by 1 order by 1""".formatted(startEpoch, startEpoch,
                LocalDate.of(2023, 12, 31).toEpochDay(), LocalDate.of(2024, 12, 31).toEpochDay());
        Map<String, long[]> duckAnswer = new HashMap<>();
        long duckNanos = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long d0 = System.nanoTime();
            try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    duckAnswer.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                }
            }
            duckNanos = Math.min(duckNanos, System.nanoTime() - d0);
        }
        boolean equal = true;
        for (RetentionCalculator.Segment seg : calc.segments()) {
            long[] mine = {seg.customers(), seg.startMrr(), seg.endMrr(), seg.cappedMrr(), seg.churnedCustomers()};
            long[] theirs = duckAnswer.getOrDefault(seg.segment(), new long[5]);
            boolean same = java.util.Arrays.equals(mine, theirs);
            equal &= same;
            System.out.printf("  depth %-3s customers %,9d  NRR %s  GRR %s  logo churn %s  %s%n", seg.segment(), seg.customers(), seg.nrr(), seg.grr(),
                    seg.logoChurn(), same ? "= duckdb" : "DIFFERS from duckdb " + java.util.Arrays.toString(theirs));
        }
        report("retention (NRR/GRR by depth)", flywheel, duckNanos, duck);
        return equal;
    }

    // ---------------------------------------------------------------- attribution

    static boolean attribution(Connection duck, int accounts, int touchCount) throws Exception {
        Random r = new Random(7);
        int partners = 1000;
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        // The same rows as the server's FactReader.attributionFacts streams into the production columns.
        AttributionFacts.Builder facts = new AttributionFacts.Builder();
        List<long[]> touchRows = new ArrayList<>();
        try (Statement s = duck.createStatement()) {
            s.execute("create table t (id bigint, account integer, partner integer, dr boolean, ts bigint)");
            s.execute("create table o (account integer, amount bigint, created bigint, closed bigint, won boolean, creator integer)");
        }
        int perAccount = Math.max(1, touchCount / accounts);
        long id = 0;
        try (DuckDBAppender t = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "t");
             DuckDBAppender o = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "o")) {
            for (int a = 0; a < accounts; a++) {
                String account = String.valueOf(a);
                long created = base.getEpochSecond() + r.nextInt(300) * DAY;
                long closed = created + (10 + r.nextInt(120)) * DAY;
                boolean won = r.nextInt(10) < 4;
                long amount = 10_000 + r.nextInt(1000) * 100L;
                Integer creator = r.nextInt(20) == 0 ? r.nextInt(partners) : null;
                facts.deal("o" + a, account, won ? AttributionFacts.WON : AttributionFacts.LOST, amount, created * 1_000_000L, closed * 1_000_000L,
                        creator == null ? null : "p" + creator);
                o.beginRow();
                o.append(a);
                o.append(amount);
                o.append(created);
                o.append(closed);
                o.append(won);
                if (creator == null) {
                    o.appendNull();
                } else {
                    o.append(creator.intValue());
                }
                o.endRow();
                long ts = created - r.nextInt(250) * DAY;
                for (int i = 0; i < perAccount; i++) {
                    ts += 1 + r.nextInt(10 * 86_400);
                    Integer partner = r.nextInt(3) == 0 ? null : r.nextInt(partners);
                    boolean dr = partner != null && r.nextInt(15) == 0;
                    touchRows.add(new long[] {id, a, partner == null ? -1 : partner, dr ? 1 : 0, ts});
                    t.beginRow();
                    t.append(id);
                    t.append(a);
                    if (partner == null) {
                        t.appendNull();
                    } else {
                        t.append(partner.intValue());
                    }
                    t.append(dr);
                    t.append(ts);
                    t.endRow();
                    id++;
                }
            }
        }
        String[] partnerNames = new String[partners];
        for (int p = 0; p < partners; p++) {
            partnerNames[p] = "p" + p;
        }
        String[] accountNames = new String[accounts];
        for (int a = 0; a < accounts; a++) {
            accountNames[a] = String.valueOf(a);
        }
        for (int i = 0; i < touchRows.size(); i++) {
            long[] row = touchRows.get(i);
            touchRows.set(i, null);
            facts.touch(String.format("t%012d", row[0]), accountNames[(int) row[1]], null, row[2] < 0 ? null : partnerNames[(int) row[2]], row[3] == 1,
                    row[4] * 1_000_000L);
        }
        touchRows = null;
        AttributionFacts columns = facts.build();
        facts = null;
        System.out.printf("%nattribution: %,d touchpoints, %,d opportunities, %d partners, 5 models%n", id, accounts, partners);
        System.gc();
        long javaBytes = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        Map<AttributionModel, AttributionReport.Summary> mine = null;
        long flywheel = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            mine = AttributionEngine.run(columns, 180).summaries();
            flywheel = Math.min(flywheel, System.nanoTime() - t0);
        }
        String sql = """
                with j as (
                  select o.account, o.amount, o.creator, o.created, t.partner, t.ts, t.id, t.dr,
                    row_number() over (partition by o.account order by t.ts, t.id) as rn,
                    count(*) over (partition by o.account) as n,
                    max(t.ts) over (partition by o.account) as latest
                  from o join t on t.account = o.account
                  where o.won and t.ts >= o.created - 180 * 86400 and t.ts <= o.closed),
                w as (
                  select *, pow(2, -((latest - ts) / 86400.0) / 7) as decay_raw from j),
                c as (
                  select partner, amount,
                    case when rn = 1 then 1.0 else 0 end as fw, case when rn = n then 1.0 else 0 end as lw, 1.0 / n as linw,
                    case when n = 1 then 1.0 when n = 2 then 0.5 when rn = 1 or rn = n then 0.4 else 0.2 / (n - 2) end as uw,
                    decay_raw / sum(decay_raw) over (partition by account) as dw
                  from w)
                select partner, sum(amount * fw), sum(amount * lw), sum(amount * linw), sum(amount * uw), sum(amount * dw)
                from c where partner is not null group by partner""";
        String sourcedSql = """
                with j as (
                  select o.account, o.amount, o.creator, o.created, t.partner, t.ts, t.dr
                  from o left join t on t.account = o.account and t.ts >= o.created - 180 * 86400 and t.ts <= o.closed where o.won),
                a as (
                  select account, any_value(amount) as amount, any_value(creator) as creator, any_value(created) as created,
                    min(ts) filter (where partner is null and ts is not null) as owner_first,
                    min(ts) filter (where dr and partner is not null) as dr_first, count(partner) as partner_touches
                  from j group by account),
                s as (
                  select *, case when creator is not null and (dr_first is null or created <= dr_first) then created else dr_first end as src_ts,
                    creator is not null or dr_first is not null as has_src from a)
                select sum(amount) filter (where has_src and (owner_first is null or src_ts < owner_first)),
                       sum(amount) filter (where not (has_src and (owner_first is null or src_ts < owner_first)) and partner_touches > 0),
                       sum(amount) from s""";
        Map<String, double[]> theirs = new HashMap<>();
        long[] sourced = new long[3];
        long duckNanos = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long d0 = System.nanoTime();
            try (Statement s = duck.createStatement()) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        theirs.put("p" + rs.getInt(1), new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)});
                    }
                }
                try (ResultSet rs = s.executeQuery(sourcedSql)) {
                    rs.next();
                    sourced = new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                }
            }
            duckNanos = Math.min(duckNanos, System.nanoTime() - d0);
        }
        boolean equal = true;
        long maxDiff = 0;
        int cells = 0;
        AttributionModel[] order = {AttributionModel.FIRST_TOUCH, AttributionModel.LAST_TOUCH, AttributionModel.LINEAR, AttributionModel.U_SHAPED,
                AttributionModel.TIME_DECAY};
        for (int m = 0; m < order.length; m++) {
            for (AttributionReport.PartnerRow row : mine.get(order[m]).partners()) {
                double[] d = theirs.get(row.partnerId());
                long duckValue = d == null ? 0 : new BigDecimal(d[m]).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                long diff = Math.abs(duckValue - row.attributedRevenue());
                maxDiff = Math.max(maxDiff, diff);
                cells++;
            }
        }
        AttributionReport.Summary linear = mine.get(AttributionModel.LINEAR);
        boolean sourcedEqual = linear.sourcedRevenue() == sourced[0] && linear.influencedRevenue() == sourced[1] && linear.totalRevenue() == sourced[2];
        System.out.printf("  won revenue %,d  sourced %,d  influenced %,d  %s%n", linear.totalRevenue(), linear.sourcedRevenue(), linear.influencedRevenue(),
                sourcedEqual ? "= duckdb" : "DIFFERS from duckdb " + java.util.Arrays.toString(sourced));
        System.out.printf("  %,d partner x model credits compared; largest difference after rounding to minor units: %d%n", cells, maxDiff);
        equal = sourcedEqual && maxDiff == 0;
        System.out.printf("  Flywheel heap for the raw facts (columns of touches and deals): %,d MB%n", javaBytes >> 20);
        report("attribution (5 models + sourced/influenced)", flywheel, duckNanos, duck);
        return equal;
    }

    // ---------------------------------------------------------------- overlap

    static boolean overlap(Connection duck, int size) throws Exception {
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        Random r = new Random(11);
        long h0 = System.nanoTime();
        String[] owner = new String[size];
        String[] partner = new String[size];
        for (int i = 0; i < size; i++) {
            owner[i] = hex(mac.doFinal(("domain:owner" + i + ".example").getBytes()));
            int j = r.nextInt(4) == 0 ? i : size + i;   // about a quarter shared
            partner[i] = hex(mac.doFinal(("domain:owner" + j + ".example").getBytes()));
        }
        long hashing = System.nanoTime() - h0;
        try (Statement s = duck.createStatement()) {
            s.execute("create table ro (h varchar)");
            s.execute("create table rp (h varchar)");
        }
        try (DuckDBAppender a = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "ro");
             DuckDBAppender b = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rp")) {
            for (int i = 0; i < size; i++) {
                a.beginRow();
                a.append(owner[i]);
                a.endRow();
                b.beginRow();
                b.append(partner[i]);
                b.endRow();
            }
        }
        // Flywheel's overlap is the mapping module's SortedHashes, the code AccountMapping.load runs.
        long mine = 0;
        long flywheel = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            mine = dev.flywheel.mapping.OverlapBenchAccess.inMemory(owner, partner);
            flywheel = Math.min(flywheel, System.nanoTime() - t0);
        }
        // The server's load path: the loaded population is sorted, the other side's sorted hashes are
        // read from the database (embedded H2 here) and merged.
        long onLoad = Long.MAX_VALUE;
        long mineOnLoad = 0;
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            try (Statement s = h2.createStatement()) {
                s.execute("create table mapping_population_hashes (population_id varchar(40) primary key, accounts bigint not null, hashes bytea not null)");
            }
            dev.flywheel.mapping.OverlapBenchAccess.store(h2, "pop_partner", partner);
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                mineOnLoad = dev.flywheel.mapping.OverlapBenchAccess.onLoad(h2, owner, "pop_partner");
                onLoad = Math.min(onLoad, System.nanoTime() - t0);
            }
        }
        long theirs = 0;
        long duckNanos = Long.MAX_VALUE;
        for (int rep = 0; rep < 3; rep++) {
            long d0 = System.nanoTime();
            try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("select count(*) from ro join rp on rp.h = ro.h")) {
                rs.next();
                theirs = rs.getLong(1);
            }
            duckNanos = Math.min(duckNanos, System.nanoTime() - d0);
        }
        System.out.printf("%noverlap: %,d x %,d HMAC-SHA-256 identifiers (hashing both lists: %,d ms)%n", size, size, hashing / 1_000_000);
        System.out.printf("  overlap %,d  %s; on the load path (sorted hashes read back from H2) %,d  %s%n", mine,
                mine == theirs ? "= duckdb" : "DIFFERS from duckdb " + theirs, mineOnLoad, mineOnLoad == theirs ? "= duckdb" : "DIFFERS from duckdb");
        report("overlap count (sort both lists + merge)", flywheel, duckNanos, duck);
        report("overlap on load (sort one, read other from H2, merge)", onLoad, duckNanos, duck);
        return mine == theirs && mineOnLoad == theirs;
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static void report(String what, long flywheelNanos, long duckNanos, Connection duck) throws Exception {
        long duckMemory = 0;
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("select sum(memory_usage_bytes) from duckdb_memory()")) {
            if (rs.next()) {
                duckMemory = rs.getLong(1);
            }
        }
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf("  %-50s Flywheel %,8d ms   DuckDB %,8d ms   ratio %.2f   (JVM heap in use %,d MB; DuckDB memory %,d MB)%n", what,
                flywheelNanos / 1_000_000, duckNanos / 1_000_000, (double) flywheelNanos / duckNanos, heap >> 20, duckMemory >> 20);
    }
}
