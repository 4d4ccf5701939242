package dev.flywheel.ledger;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger on PostgreSQL: (1) posting rate of balanced commission transactions through the ledger's
 * own posting code, beside raw JDBC inserts of the same rows with the same commit per transaction;
 * (2) a partner's balance query (sum by bucket and currency) with the ledger holding N entries,
 * through the ledger's repository, beside the same aggregate sent as a raw prepared statement.
 */
public final class LedgerBench {

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String url = args[0];
        long entries = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int postings = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int holders = 10_000;

        // A connection pool, as the application runs with (HikariCP, Spring Boot's default).
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setMaximumPoolSize(4);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();

        JdbcClient jdbc = JdbcClient.create(ds);
        LedgerRepository repository = new LedgerRepository(jdbc, new JdbcTemplate(ds));
        LedgerProperties properties = new LedgerProperties(Duration.ofDays(30), java.math.BigDecimal.valueOf(50), "USD", Duration.ofMinutes(15),
                Duration.ofMinutes(10));
        Postman postman = new Postman(repository, properties, Clock.systemUTC());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));

        // (1) posting rate: blocks of 250 postings, alternately through the ledger and raw JDBC, so drift in
        // the machine's load (other processes, the database's checkpoints) hits both alike.
        long flywheelNanos = 0;
        long rawNanos = 0;
        int block = 250;
        String run = "p" + System.nanoTime();
        for (int round = 0; round < 2; round++) { // round 0 warms up and is not counted
            flywheelNanos = 0;
            rawNanos = 0;
            for (int from = 0; from < postings; from += block) {
                boolean flywheelFirst = (from / block) % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    boolean flywheel = (side == 0) == flywheelFirst;
                    long start = System.nanoTime();
                    if (flywheel) {
                        for (int i = from; i < Math.min(postings, from + block); i++) {
                            Transaction t = Transaction.of(run + ":" + round + ":" + i, "commission.earned", "bench", Mode.LIVE, Instant.now(),
                                    Postings.earn("prt_bench" + (i % holders), Money.of(1_000 + i, "USD")));
                            tx.executeWithoutResult(status -> postman.post(t));
                        }
                        flywheelNanos += System.nanoTime() - start;
                    } else {
                        rawPostings(ds, run + ":raw:" + round, from, Math.min(postings, from + block), holders);
                        rawNanos += System.nanoTime() - start;
                    }
                }
            }
        }
        System.out.printf("posting: %,d balanced transactions (2 entries each), one database transaction each, interleaved in blocks of %d%n",
                postings, block);
        System.out.printf("  flywheel ledger posting: %.2f s = %,.0f transactions/s%n", flywheelNanos / 1e9, postings / (flywheelNanos / 1e9));
        System.out.printf("  reference raw JDBC:      %.2f s = %,.0f transactions/s%n", rawNanos / 1e9, postings / (rawNanos / 1e9));
        System.out.printf("  ratio flywheel/reference time: %.2f%n", (double) flywheelNanos / rawNanos);

        // (2) fill to N entries with the database's own bulk insert, then query balances
        long have;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from ledger_entries")) {
            rs.next();
            have = rs.getLong(1);
        }
        long pairs = Math.max(0, (entries - have) / 2);
        long offset = have; // keeps bulk ids unique when an earlier run already loaded some
        long loadStart = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into ledger_transactions (id, reference, kind, mode, occurred_at, recorded_at) "
                    + "select 'bulk' || g, 'bulk:' || g, 'commission.earned', 'live', now() - (g % 1000) * interval '1 hour', now() from generate_series(" + (offset + 1) + ", " + (offset + pairs) + ") g");
            s.execute("insert into ledger_entries (id, transaction_id, holder_id, bucket, mode, currency, amount, occurred_at) "
                    + "select 'bulka' || g, 'bulk' || g, 'owner', 'commission_expense', 'live', 'USD', -(g % 100000 + 1), now() from generate_series(" + (offset + 1) + ", " + (offset + pairs) + ") g");
            s.execute("insert into ledger_entries (id, transaction_id, holder_id, bucket, mode, currency, amount, occurred_at) "
                    + "select 'bulkb' || g, 'bulk' || g, 'prt_bench' || (g % " + holders + "), (array['pending','held','available','paid'])[g % 4 + 1], 'live', "
                    + "(array['USD','EUR'])[g % 2 + 1], g % 100000 + 1, now() from generate_series(" + (offset + 1) + ", " + (offset + pairs) + ") g");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // What autovacuum does on a live system: statistics and the visibility map (for index-only scans).
            s.execute("vacuum (analyze) ledger_entries");
            s.execute("vacuum (analyze) ledger_transactions");
        }
        long total;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from ledger_entries")) {
            rs.next();
            total = rs.getLong(1);
        }
        System.out.printf("balance: ledger holds %,d entries, %d payees%s%n", total, holders, pairs == 0 ? " (loaded by an earlier run)"
                : String.format(" (%,d bulk-inserted now by generate_series in %.1f s = %,.0f entries/s, raw database insert speed)", pairs * 2,
                        loadSeconds, pairs * 2 / Math.max(loadSeconds, 1e-9)));

        int queries = 5_000;
        Random random = new Random(1);
        long[] flywheel = new long[queries];
        long[] raw = new long[queries];
        for (int round = 0; round < 2; round++) {
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("select bucket, currency, sum(amount) from ledger_entries where holder_id = ? and mode = ? group by bucket, currency")) {
                for (int i = 0; i < queries; i++) {
                    // Each side queries its own random payee, so neither finds the other's pages already cached.
                    String holder = "prt_bench" + random.nextInt(holders);
                    long start = System.nanoTime();
                    List<LedgerRepository.BucketSum> sums = repository.balances(holder, Mode.LIVE);
                    flywheel[i] = System.nanoTime() - start;
                    if (sums.isEmpty()) {
                        throw new IllegalStateException("no balance for " + holder);
                    }
                    String other = "prt_bench" + random.nextInt(holders);
                    start = System.nanoTime();
                    ps.setString(1, other);
                    ps.setString(2, "live");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(3);
                        }
                    }
                    raw[i] = System.nanoTime() - start;
                }
            }
        }
        System.out.printf("  flywheel balance query (repository, pooled connection):   %s%n", percentiles(flywheel));
        System.out.printf("  reference raw prepared statement on one open connection: %s%n", percentiles(raw));
        System.out.printf("  ratio p99 flywheel/reference: %.1f (target: flywheel p99 under 20 ms)%n", p(flywheel, 0.99) / p(raw, 0.99));
        ds.close();
    }

    private static void rawPostings(javax.sql.DataSource ds, String run, int from, int to, int holders) throws java.sql.SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement txs = c.prepareStatement(
                    "insert into ledger_transactions (id, reference, kind, mode, occurred_at, recorded_at) values (?, ?, 'raw', 'live', now(), now())");
                 PreparedStatement es = c.prepareStatement(
                    "insert into ledger_entries (id, transaction_id, holder_id, bucket, mode, currency, amount, occurred_at) values (?, ?, ?, ?, 'live', 'USD', ?, now())")) {
                for (int i = from; i < to; i++) {
                    String id = String.format("raw%s%08d", run, i);
                    txs.setString(1, id);
                    txs.setString(2, id);
                    txs.executeUpdate();
                    es.setString(1, id + "a");
                    es.setString(2, id);
                    es.setString(3, "owner");
                    es.setString(4, "commission_expense");
                    es.setLong(5, -(1_000 + i));
                    es.addBatch();
                    es.setString(1, id + "b");
                    es.setString(2, id);
                    es.setString(3, "prt_bench" + (i % holders));
                    es.setString(4, "pending");
                    es.setLong(5, 1_000 + i);
                    es.addBatch();
                    es.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private static double p(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static String percentiles(long[] nanos) {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", p(nanos, 0.5), p(nanos, 0.99), p(nanos, 1.0));
    }
}
