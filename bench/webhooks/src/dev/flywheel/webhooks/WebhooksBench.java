package dev.flywheel.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Webhook delivery of the real Flywheel jar on PostgreSQL and on H2, beside a bare HTTP client
 * driving the same local receiver with no persistence, in one run.
 *
 * <p>Per database: batch ingestion (events/s stored, type with no subscriber), sustained
 * deliveries/s from accepted event to the receiver's 200 (two producers keep the queue fed through
 * the batch API), and accept-to-delivery latency (p50/p99, from the event's 202 to the receiver
 * reading the delivery) at a fixed 500 events/s sent one per request, after a closed-loop warm-up
 * of the single-event path. After each phase the run waits until every accepted event arrived and
 * counts duplicates. {@code WEBHOOKS_BENCH_ONLY=latency} runs the 500 events/s phase alone,
 * {@code WEBHOOKS_BENCH_ONLY=throughput} everything but it.
 *
 * <p>The receiver is a process of its own; Flywheel delivers to it, and so does the reference client (in this
 * driver's JVM) with the same number of threads and connections as Flywheel's dispatcher.
 *
 * <p>Arguments: {@code jar postgresJdbcUrl [seconds [postgresql,h2]]}; the receiver, Flywheel and PostgreSQL are
 * all on 127.0.0.1. Every Flywheel process and the receiver are stopped before the run ends.
 */
public final class WebhooksBench {

    static final String KEY = "fw_live_WebhooksBenchKey000000000000001";
    /**
     * Flywheel's dispatcher threads in this run (its default, set explicitly so the two cannot drift apart), the
     * reference client's threads and connections, and the receiver's threads.
     */
    static final int WORKERS = 32;

    /** {@code WEBHOOKS_BENCH_ONLY=latency} runs only the 500 events/s phase (no reference, ingestion or sustained phase). */
    static final boolean LATENCY_ONLY = "latency".equals(System.getenv("WEBHOOKS_BENCH_ONLY"));
    /** How long the sustained phase runs before its window starts, and the reference before it counts. */
    static final Duration SUSTAINED_WARMUP = Duration.ofSeconds(60);
    static final Duration REFERENCE_WARMUP = Duration.ofSeconds(10);
    /** {@code WEBHOOKS_BENCH_ONLY=throughput} runs the reference, batch ingestion and the sustained phase, not the 500 events/s phase. */
    static final boolean THROUGHPUT_ONLY = "throughput".equals(System.getenv("WEBHOOKS_BENCH_ONLY"));

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--receiver")) {
            ReceiverProcess.main();
            return;
        }
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            // Every child process is stopped by now (try-with-resources); leave no driver thread behind either.
            System.exit(status);
        }
    }

    static void run(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: WebhooksBench <flywheel.jar> <jdbc:postgresql://127.0.0.1:5432/webhooks_bench?user=postgres> [seconds]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String postgres = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<String> databases = args.length > 3 ? List.of(args[3].split(",")) : List.of("postgresql", "h2");
        System.out.printf("webhooks bench: %d cores, %d s sustained phase; Flywheel's dispatcher and the reference client both use %d threads"
                + " (and connections); the receiver is its own process with %d threads%n",
                Runtime.getRuntime().availableProcessors(), seconds, WORKERS, WORKERS);
        List<String[]> rows = new ArrayList<>();
        try (Receiver receiver = Receiver.start()) {
            for (String database : databases) {
                double reference = LATENCY_ONLY ? Double.NaN : reference(receiver, Math.min(seconds, 15));
                System.out.printf("%n[%s] reference (bare HTTP client, %d threads, no persistence, no signing): %,.0f requests/s%n", database,
                        WORKERS, reference);
                Path work = Files.createTempDirectory("webhooks-bench-" + database);
                try (Flywheel flywheel = Flywheel.start(jar, work, database.equals("postgresql") ? postgres : null)) {
                    rows.add(measure(database, flywheel, receiver, reference, seconds));
                }
            }
        }
        System.out.println();
        System.out.println("| database | batch ingestion | deliveries/s | reference requests/s | ratio | p50 at 500/s | p99 at 500/s | lost | duplicates |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
        System.out.println();
        System.out.println("targets on PostgreSQL: >= 10,000 events/s stored, >= 2,000 deliveries/s and >= 40% of the reference, p99 < 250 ms at 500/s");
    }

    static String[] measure(String database, Flywheel f, Receiver receiver, double reference, int seconds) throws Exception {
        f.post("/api/v1/event-types", "{\"name\":\"bench.ingested\",\"schema\":{\"type\":\"object\",\"properties\":{\"seq\":{\"type\":\"integer\"}}}}");
        f.post("/api/v1/event-types", "{\"name\":\"bench.delivered\",\"schema\":{\"type\":\"object\",\"properties\":{\"seq\":{\"type\":\"integer\"}}}}");

        f.post("/api/v1/webhook-endpoints", "{\"url\":\"" + receiver.url() + "\",\"event_types\":[\"bench.delivered\"]}");
        double ingestRate = Double.NaN;
        double deliveryRate = Double.NaN;
        long lostSustained = 0;
        if (!LATENCY_ONLY) {
            // Batch ingestion: 1,000 events per request, two producers, a type no endpoint subscribes to.
            AtomicLong seq = new AtomicLong(1_000_000_000L);
            ingest(f, "bench.ingested", 10, seq, 2);
            long start = System.nanoTime();
            int ingested = ingest(f, "bench.ingested", 60, seq, 2);
            ingestRate = ingested / secondsSince(start);
            System.out.printf("[%s] batch ingestion: %,d events in batches of 1,000 from 2 clients: %,.0f events/s stored%n", database, ingested, ingestRate);

            // Sustained delivery: two producers (as many as the batch ingestion phase) keep at most 20,000 accepted-but-undelivered
            // events ahead of the receiver. The backlog is sampled during the window: while it stays above zero the dispatcher,
            // not the producers, sets the rate.
            receiver.reset();
            AtomicLong accepted = new AtomicLong();
            AtomicBoolean producing = new AtomicBoolean(true);
            long base = 2_000_000_000L;
            AtomicLong next = new AtomicLong(base);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                Thread producer = new Thread(() -> {
                    try {
                        while (producing.get()) {
                            if (accepted.get() - receiver.distinct() > 20_000) {
                                Thread.sleep(5);
                                continue;
                            }
                            accepted.addAndGet(f.batch("bench.delivered", 500, next));
                        }
                    } catch (Exception e) {
                        System.err.println("producer stopped: " + e);
                    }
                }, "producer-" + p);
                producer.start();
                producers.add(producer);
            }
            // The first minute is warm-up: on 2 cores C2 is still compiling the delivery path (a fifth to a third of Flywheel's
            // CPU 20 s in, under a twentieth after a minute), which a server that has been running has long finished.
            long window = Math.max(10, seconds * 2 / 3);
            Thread.sleep(SUSTAINED_WARMUP.toMillis());
            long windowStartCount = receiver.distinct();
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + window * 1_000_000_000L;
            long minBacklog = Long.MAX_VALUE;
            long backlogSum = 0;
            int samples = 0;
            while (System.nanoTime() < windowEnd) {
                Thread.sleep(Math.max(1, Math.min(250, (windowEnd - System.nanoTime()) / 1_000_000)));
                long backlog = accepted.get() - receiver.distinct();
                minBacklog = Math.min(minBacklog, backlog);
                backlogSum += backlog;
                samples++;
            }
            deliveryRate = (receiver.distinct() - windowStartCount) / secondsSince(windowStart);
            producing.set(false);
            for (Thread producer : producers) {
                producer.join();
            }
            lostSustained = receiver.awaitAll(base, accepted.get(), 0, Duration.ofSeconds(120));
            System.out.printf("[%s] sustained: %,.0f deliveries/s over %d s after 60 s of warm-up (%,d events accepted in all; ratio to reference %.2f);"
                    + " accepted but not yet delivered during the window: min %,d, mean %,d%s%n",
                    database, deliveryRate, window, accepted.get(), deliveryRate / reference, minBacklog, backlogSum / Math.max(1, samples),
                    minBacklog <= 0 ? " (the queue ran dry: the producers, not the dispatcher, set the rate)" : "");
        }

        if (THROUGHPUT_ONLY) {
            return new String[] {database, String.format("%,.0f events/s", ingestRate), String.format("%,.0f", deliveryRate),
                String.format("%,.0f", reference), String.format("%.2f", deliveryRate / reference), "-", "-", String.valueOf(lostSustained),
                String.valueOf(receiver.duplicates())};
        }
        // Latency at a fixed 500 events/s, one event per request. A warm-up comes first: 8 clients send single-event POSTs one
        // after the other (closed loop, so no backlog builds up) while the JIT compiles the single-event path, as it has in a
        // server that has been running; its rate is the single-event capacity. The measured run starts once every warm-up
        // event has arrived.
        int rate = 500;
        int latencySeconds = Math.max(10, seconds * 2 / 3);
        receiver.reset();
        long warmBase = 3_000_000_000L;
        int warmSeconds = Math.max(60, seconds);
        long warmAccepted = closedLoop(f, warmBase, 8, warmSeconds);
        long warmLost = receiver.awaitAll(warmBase, warmAccepted, 0, Duration.ofSeconds(120));
        System.out.printf("[%s] warm-up: %,d single-event POSTs from 8 clients one after the other in %d s (%,.0f/s)%n", database,
                warmAccepted, warmSeconds, warmAccepted / (double) warmSeconds);
        long warmDuplicates = receiver.duplicates();
        receiver.reset();
        OpenLoop run = openLoop(f, receiver, 3_500_000_000L, rate, latencySeconds);
        long[] fromAccept = run.acceptToDelivery();
        double p50 = millis(fromAccept, 0.50);
        double p99 = millis(fromAccept, 0.99);
        System.out.printf("[%s] at %.0f events/s sent one per request (%d refused), over %,d events: accept to delivery p50 %.1f ms, "
                + "p99 %.1f ms; send to delivery p50 %.1f ms, p99 %.1f ms; the POST itself (send to 202) p50 %.1f ms, p99 %.1f ms%n",
                database, run.sendRate(), run.refused(), fromAccept.length, p50, p99, millis(run.sendToDelivery(), 0.5),
                millis(run.sendToDelivery(), 0.99), millis(run.postTimes(), 0.5), millis(run.postTimes(), 0.99));
        long refused = run.refused();
        long lostLatency = warmLost + run.lost();
        long duplicates = warmDuplicates + receiver.duplicates();
        return new String[] {database, String.format("%,.0f events/s", ingestRate), String.format("%,.0f", deliveryRate),
            String.format("%,.0f", reference), String.format("%.2f", deliveryRate / reference), String.format("%.1f ms", p50),
            String.format("%.1f ms", p99), String.valueOf(lostSustained + lostLatency + refused), String.valueOf(duplicates)};
    }

    /**
     * Single-event POSTs from {@code clients} threads, each sending its next one when the previous was answered, for
     * {@code seconds}, with consecutive sequence numbers from {@code base}; returns how many were accepted (all must be).
     */
    static long closedLoop(Flywheel f, long base, int clients, int seconds) throws Exception {
        AtomicLong next = new AtomicLong(base);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    f.post("/api/v1/events", "{\"type\":\"bench.delivered\",\"account\":\"cus_bench\",\"data\":{\"seq\":"
                            + next.getAndIncrement() + "}}");
                }
                return null;
            }));
        }
        for (var d : done) {
            d.get();
        }
        pool.shutdown();
        return next.get() - base;
    }

    /**
     * Single-event POSTs sent open-loop: {@code rate} per second for {@code seconds}, each on its schedule whether or not
     * earlier ones were answered (8 client threads, asynchronous, 60 s request timeout), with sequence numbers from
     * {@code base}; then waits (bounded) until every accepted event arrived at the receiver.
     */
    static OpenLoop openLoop(Flywheel f, Receiver receiver, long base, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[] sentAt = new long[total];
        long[] acceptedAt = new long[total];
        ExecutorService clientThreads = Executors.newFixedThreadPool(8);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
        List<CompletableFuture<Integer>> sends = new ArrayList<>(total);
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = t0 + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            sentAt[i] = System.nanoTime();
            String body = "{\"type\":\"bench.delivered\",\"account\":\"cus_bench\",\"data\":{\"seq\":" + (base + i) + "}}";
            int at = i;
            sends.add(client.sendAsync(f.request("/api/v1/events", body), HttpResponse.BodyHandlers.discarding()).handle((r, error) -> {
                acceptedAt[at] = System.nanoTime();
                return r == null ? -1 : r.statusCode();
            }));
        }
        double sendRate = total / secondsSince(t0);
        int[] statuses = sends.stream().mapToInt(CompletableFuture::join).toArray();
        long refused = Arrays.stream(statuses).filter(code -> code != 202).count();
        clientThreads.shutdown();
        receiver.awaitAll(base, total, refused, Duration.ofSeconds(120));
        return new OpenLoop(sendRate, sentAt, acceptedAt, statuses, receiver.arrivals(base, total), refused);
    }

    /** What one open-loop run saw, per event: when it was sent, when its answer came, the status and when it arrived. */
    record OpenLoop(double sendRate, long[] sentAt, long[] acceptedAt, int[] statuses, long[] arrivals, long refused) {

        /** Accepted events that never arrived. */
        long lost() {
            long lost = 0;
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] == 202 && arrivals[i] == Long.MIN_VALUE) {
                    lost++;
                }
            }
            return lost;
        }

        /** Sorted, from the 202 reaching the client to the receiver reading the delivery (0 when the delivery arrived first). */
        long[] acceptToDelivery() {
            return delivered((i, at) -> Math.max(0, at - acceptedAt[i]));
        }

        /** Sorted, from sending the POST to the receiver reading the delivery. */
        long[] sendToDelivery() {
            return delivered((i, at) -> at - sentAt[i]);
        }

        /** Sorted, from sending the POST to its 202. */
        long[] postTimes() {
            return delivered((i, at) -> acceptedAt[i] - sentAt[i]);
        }

        private interface PerEvent {
            long of(int index, long arrival);
        }

        private long[] delivered(PerEvent measure) {
            long[] out = new long[statuses.length];
            int n = 0;
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] == 202 && arrivals[i] != Long.MIN_VALUE) {
                    out[n++] = measure.of(i, arrivals[i]);
                }
            }
            return sorted(out, n);
        }
    }

    static int ingest(Flywheel f, String type, int batches, AtomicLong seq, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
        AtomicLong left = new AtomicLong(batches);
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                int stored = 0;
                while (left.getAndDecrement() > 0) {
                    stored += f.batch(type, 1000, seq);
                }
                return stored;
            }));
        }
        int total = 0;
        for (var d : done) {
            total += d.get();
        }
        pool.shutdown();
        return total;
    }

    /**
     * The reference: the same receiver process driven from this JVM by a bare Apache HttpClient 5 (the client Flywheel's
     * sender uses), pooled and kept alive as Flywheel's sender is, from as many threads and connections as Flywheel's
     * dispatcher uses in this run, sending bodies and headers of the same shape: no queue, no persistence, no signing.
     */
    static double reference(Receiver receiver, int seconds) throws Exception {
        receiver.reset();
        String body = "{\"id\":\"evt_01jd0000000000000000000000\",\"type\":\"bench.delivered\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"schema_version\":1,\"mode\":\"live\",\"account\":\"cus_bench\",\"data\":{\"seq\":%d}}";
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(WORKERS * 2)
                        .setMaxConnPerRoute(WORKERS).build())
                .disableAutomaticRetries().build()) {
            AtomicLong seq = new AtomicLong(4_000_000_000L);
            AtomicLong count = new AtomicLong();
            AtomicBoolean counting = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            for (int i = 0; i < WORKERS; i++) {
                pool.execute(() -> {
                    while (running.get()) {
                        HttpPost post = new HttpPost(receiver.url());
                        post.setHeader("webhook-id", "evt_01jd0000000000000000000000");
                        post.setHeader("webhook-timestamp", "1767225600");
                        post.setHeader("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
                        post.setEntity(new StringEntity(String.format(body, seq.incrementAndGet()), ContentType.APPLICATION_JSON));
                        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
                            EntityUtils.consume(response.getEntity());
                            if (response.getCode() == 200 && counting.get()) {
                                count.incrementAndGet();
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            Thread.sleep(REFERENCE_WARMUP.toMillis());
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            counting.set(false);
            double rate = count.get() / secondsSince(start);
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            return rate;
        }
    }

    static long[] sorted(long[] values, int count) {
        long[] out = Arrays.copyOf(values, count);
        Arrays.sort(out);
        return out;
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /**
     * The webhook receiver: a JDK {@code HttpServer} on 127.0.0.1 with {@value #WORKERS} threads that answers 200 and
     * records when each sequence number (read from the body) first arrived, run as its own JVM so that neither
     * Flywheel nor the reference client shares a process with it. A second server on another port (one thread)
     * answers the driver's questions: counts, missing sequence numbers, arrival times. Arrival times are
     * {@link System#nanoTime()} of the receiver process, translated to the driver's clock with an offset measured
     * over the control connection (on Linux both read the same monotonic clock and the offset is a few microseconds).
     * The process stops when the driver closes its standard input (or dies).
     */
    static final class ReceiverProcess {

        static void main() throws IOException {
            Map<Long, Long> arrivals = new ConcurrentHashMap<>();
            AtomicLong duplicates = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                long now = System.nanoTime();
                long seq = seqOf(new String(body, StandardCharsets.UTF_8));
                if (seq >= 0 && arrivals.putIfAbsent(seq, now) != null) {
                    duplicates.incrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            HttpServer control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            control.setExecutor(Executors.newSingleThreadExecutor());
            control.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Map<String, Long> q = query(exchange.getRequestURI().getQuery());
                StringBuilder out = new StringBuilder();
                switch (path) {
                    case "/reset" -> {
                        arrivals.clear();
                        duplicates.set(0);
                    }
                    case "/stats" -> out.append(arrivals.size()).append(' ').append(duplicates.get()).append(' ').append(System.nanoTime());
                    case "/missing" -> {
                        long missing = 0;
                        for (long s = q.get("base"); s < q.get("base") + q.get("count"); s++) {
                            if (!arrivals.containsKey(s)) {
                                missing++;
                            }
                        }
                        out.append(missing);
                    }
                    case "/arrivals" -> {
                        for (long s = q.get("base"); s < q.get("base") + q.get("count"); s++) {
                            Long at = arrivals.get(s);
                            out.append(at == null ? "-" : at.toString()).append('\n');
                        }
                    }
                    default -> out.append("unknown");
                }
                byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            control.start();
            System.out.println("receiver " + server.getAddress().getPort() + " " + control.getAddress().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the driver closes the pipe
            }
            System.exit(0);
        }

        private static Map<String, Long> query(String query) {
            Map<String, Long> values = new java.util.HashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    values.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            return values;
        }

        private static long seqOf(String body) {
            int at = body.indexOf("\"seq\":");
            if (at < 0) {
                return -1;
            }
            int end = at + 6;
            while (end < body.length() && Character.isDigit(body.charAt(end))) {
                end++;
            }
            return Long.parseLong(body.substring(at + 6, end));
        }
    }

    /** The driver's handle on the receiver process. */
    static final class Receiver implements AutoCloseable {

        private final Process process;
        private final int port;
        private final String control;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private long offset;

        private Receiver(Process process, int port, int controlPort) {
            this.process = process;
            this.port = port;
            this.control = "http://127.0.0.1:" + controlPort;
        }

        static Receiver start() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // TCP_NODELAY: the control port writes headers and body separately, and without it each answer waited for a
            // delayed acknowledgement (about 40 ms).
            Process process = new ProcessBuilder(java, "-Xmx512m", "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
                    WebhooksBench.class.getName(), "--receiver").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("receiver ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the receiver process did not start: " + line);
            }
            String[] ports = line.split(" ");
            Receiver receiver = new Receiver(process, Integer.parseInt(ports[1]), Integer.parseInt(ports[2]));
            receiver.calibrate();
            return receiver;
        }

        /**
         * The receiver's nanoTime minus the driver's. Each question brackets it: the receiver read its clock after the
         * request was sent and before the answer came back, so the offset lies between {@code theirs - after} and
         * {@code theirs - before}. The intersection of 50 brackets is narrower than any single round trip; its middle
         * is the estimate and its half-width the error bound (printed).
         */
        private void calibrate() throws Exception {
            long upper = Long.MAX_VALUE;
            long lower = Long.MIN_VALUE;
            for (int i = 0; i < 50; i++) {
                long before = System.nanoTime();
                long theirs = Long.parseLong(get("/stats").split(" ")[2]);
                long after = System.nanoTime();
                upper = Math.min(upper, theirs - before);
                lower = Math.max(lower, theirs - after);
            }
            offset = lower + (upper - lower) / 2;
            System.out.printf("receiver process on port %d; its clock differs from the driver's by %.3f ms (± %.3f ms)%n", port,
                    offset / 1e6, (upper - lower) / 2e6);
        }

        private String get(String path) throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(control + path)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("receiver control " + path + " answered " + r.statusCode());
            }
            return r.body();
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks";
        }

        void reset() throws Exception {
            get("/reset");
        }

        long distinct() throws Exception {
            return Long.parseLong(get("/stats").split(" ")[0]);
        }

        long duplicates() throws Exception {
            return Long.parseLong(get("/stats").split(" ")[1]);
        }

        /** Arrival time of each sequence number in [base, base + count) on the driver's clock, Long.MIN_VALUE if it never arrived. */
        long[] arrivals(long base, int count) throws Exception {
            String[] lines = get("/arrivals?base=" + base + "&count=" + count).split("\n");
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = i >= lines.length || lines[i].equals("-") ? Long.MIN_VALUE : Long.parseLong(lines[i]) - offset;
            }
            return out;
        }

        /**
         * Waits until at most {@code allowedMissing} sequence numbers in [base, base + count) are still missing
         * (those whose POST was refused never arrive); returns how many are missing at the end.
         */
        long awaitAll(long base, long count, long allowedMissing, Duration limit) throws Exception {
            long until = System.nanoTime() + limit.toNanos();
            long missing = count;
            while (System.nanoTime() < until) {
                missing = Long.parseLong(get("/missing?base=" + base + "&count=" + count));
                if (missing <= allowedMissing) {
                    return missing;
                }
                Thread.sleep(200);
            }
            return missing;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** One Flywheel process (the real jar) on 127.0.0.1, on PostgreSQL or on a fresh H2 database in its own directory. */
    static final class Flywheel implements AutoCloseable {

        private final Process process;
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private Flywheel(Process process, String base) {
            this.process = process;
            this.base = base;
        }

        static Flywheel start(Path jar, Path work, String postgresUrl) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String opts = System.getenv().getOrDefault("FLYWHEEL_JAVA_OPTS", "-Xmx1g");
            if (!opts.isBlank()) {
                command.addAll(Arrays.asList(opts.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("flywheel.log").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SERVER_"));
            env.put("FLYWHEEL_BOOTSTRAP_API_KEY", KEY);
            env.put("FLYWHEEL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
            env.put("FLYWHEEL_WEBHOOKS_THREADS", Integer.toString(WORKERS));
            env.put("FLYWHEEL_ADMIN_PASSWORD", "webhooks-bench-admin-password-1");
            if (postgresUrl != null) {
                env.put("SPRING_DATASOURCE_URL", postgresUrl);
            }
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            Flywheel f = new Flywheel(process, "http://127.0.0.1:" + port);
            long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < until) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Flywheel exited; see " + work.resolve("flywheel.log"));
                }
                try {
                    HttpResponse<Void> r = f.http.send(HttpRequest.newBuilder(URI.create(f.base + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        System.out.printf("%nFlywheel ready on %s (%s), log in %s%n", f.base, postgresUrl == null ? "H2 in " + work : postgresUrl,
                                work.resolve("flywheel.log"));
                        return f;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            f.close();
            throw new IllegalStateException("Flywheel not ready within 180 s; see " + work.resolve("flywheel.log"));
        }

        HttpRequest request(String path, String body) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        String post(String path, String body) throws Exception {
            HttpResponse<String> r = http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        /** Sends {@code size} events in one batch request with consecutive sequence numbers; returns how many were accepted. */
        int batch(String type, int size, AtomicLong seq) throws Exception {
            StringBuilder body = new StringBuilder(size * 90).append("{\"events\":[");
            long first = seq.getAndAdd(size);
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    body.append(',');
                }
                body.append("{\"type\":\"").append(type).append("\",\"account\":\"cus_").append((first + i) % 5000)
                        .append("\",\"source\":\"bench\",\"data\":{\"seq\":").append(first + i).append("}}");
            }
            body.append("]}");
            post("/api/v1/events/batch", body.toString());
            return size;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private WebhooksBench() {
    }
}
