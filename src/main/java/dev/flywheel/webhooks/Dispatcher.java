package dev.flywheel.webhooks;

import dev.flywheel.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop of one node: claimer threads take due deliveries from the queue in batches
 * (with a lease), worker threads send them, and recorder threads write the outcomes in batches.
 * On PostgreSQL several claimers run at once (their claims skip each other's locked rows); on H2
 * there is one. At-least-once: a delivery is only marked delivered
 * after a 2xx, and a claim whose node dies is handed back when its lease ends, so a message may
 * arrive twice (receivers deduplicate on {@code webhook-id}) but is never lost.
 *
 * <p>After each attempt: 2xx delivered; 410 Gone fails the message and disables the endpoint;
 * anything else is retried on the {@link RetrySchedule} (a receiver's {@code Retry-After} on 429 or
 * 503 replaces the scheduled delay), and an endpoint failing without a success for
 * {@code disable-after} is disabled. An endpoint's rate limit postpones deliveries to the next
 * second without counting an attempt. Ordering keys are enforced by the claim query.
 *
 * <p>Deliveries queued by an event stored on this node skip the claim while the node has room
 * ({@link #reserve}, {@link #handOff}): they are stored already claimed by this node and go to its
 * workers when the event's transaction commits. What has an ordering key, what is for a partner
 * app, and what finds the node busy with a backlog is queued as pending and claimed in turn.
 */
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration REAP_EVERY = Duration.ofSeconds(5);
    private static final int RECORD_BATCH = 500;
    private static final Duration RECORD_LINGER = Duration.ofMillis(10);

    private final DeliveryQueue queue;
    private final EndpointRepository endpoints;
    private final SigningKeys keys;
    private final WebhookSender sender;
    private final EndpointDisabler disabler;
    private final WebhookMetrics metrics;
    private final WebhooksProperties properties;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final String name;
    /** Counts wake-ups; a claimer that found less than it asked for sleeps only if none came since it started its claim. */
    private final Object signal = new Object();
    private long wakeups;
    private final AtomicInteger delivered = new AtomicInteger();
    /** Outcomes waiting to be recorded; the recorder threads write them in batches, one transaction each. */
    private final BlockingQueue<DeliveryQueue.Outcome> outcomes = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private volatile boolean halted;
    private final List<Thread> claimers = new ArrayList<>();
    private final List<Thread> recorders = new ArrayList<>();
    private volatile ExecutorService workers;
    private volatile Semaphore slots;
    private volatile Instant lastReap = Instant.EPOCH;

    Dispatcher(DeliveryQueue queue, EndpointRepository endpoints, SigningKeys keys, WebhookSender sender, EndpointDisabler disabler,
            WebhookMetrics metrics, WebhooksProperties properties, Clock clock, String name) {
        this.queue = queue;
        this.endpoints = endpoints;
        this.keys = keys;
        this.sender = sender;
        this.disabler = disabler;
        this.metrics = metrics;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter());
        this.clock = clock;
        this.name = name;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        halted = false;
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Without row locks (H2) two claimers would pick the same rows and one would come back empty-handed.
        int claimerCount = queue.usesSkipLocked() ? properties.claimers() : 1;
        // Deliveries in flight plus those claimed and waiting for a worker: claiming in batches of up to claim-batch
        // spreads the cost of one claim over many deliveries, and each claimer can have one batch waiting.
        slots = new Semaphore(properties.threads() + claimerCount * properties.claimBatch());
        claimers.clear();
        recorders.clear();
        for (int i = 1; i <= claimerCount; i++) {
            Thread claimer = new Thread(this::run, name + "-claimer-" + i);
            claimer.setDaemon(true);
            claimers.add(claimer);
            // As many recorders as claimers: one commit per batch of outcomes keeps up with one claim per batch.
            Thread recorder = new Thread(this::recordOutcomes, name + "-recorder-" + i);
            recorder.setDaemon(true);
            recorders.add(recorder);
        }
        claimers.forEach(Thread::start);
        recorders.forEach(Thread::start);
        log.info("Webhook dispatcher {} started ({} threads, {} claimer(s) of up to {}, {} claims)", name, properties.threads(), claimerCount,
                properties.claimBatch(), queue.usesSkipLocked() ? "FOR UPDATE SKIP LOCKED" : "single-claimer");
    }

    /** Stops claiming and lets deliveries in flight finish (up to the attempt timeout). */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        claimers.forEach(Thread::interrupt);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                halt();
            }
            for (Thread claimer : claimers) {
                claimer.join(1000);
            }
            for (Thread recorder : recorders) {
                recorder.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops at once, as if the node died: requests in flight are aborted and their outcomes not
     * recorded; their claims stay until the lease ends and another dispatcher takes them over.
     */
    synchronized void halt() {
        halted = true;
        running = false;
        claimers.forEach(Thread::interrupt);
        // Drop the claimed deliveries still waiting for a worker first, then abort those in flight: none is sent after this.
        if (workers != null) {
            workers.shutdownNow();
        }
        sender.abortAll();
        recorders.forEach(Thread::interrupt);
        outcomes.clear();
    }

    boolean isRunning() {
        return running;
    }

    /**
     * Tells the loop there is new work (an event was just queued on this node). One sleeping
     * claimer is enough for one commit's deliveries, and a claimer that is awake claims again
     * anyway (it sees the count move); waking all of them would send each to the database for
     * the same few rows.
     */
    void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notify();
        }
    }

    private long wakeups() {
        synchronized (signal) {
            return wakeups;
        }
    }

    /** Sleeps up to the poll interval unless a wake-up came after {@code seen} (so one that raced the claim is not lost). */
    private void awaitWork(long seen) throws InterruptedException {
        synchronized (signal) {
            if (wakeups == seen) {
                signal.wait(Math.max(1, properties.pollInterval().toMillis()));
            }
        }
    }

    int deliveredCount() {
        return delivered.get();
    }

    private void run() {
        while (running) {
            try {
                reapIfDue();
                // Wait until a worthwhile batch fits (half a claim batch), or claim at once when the node is idle; then take
                // the rest of a batch if it is free. The slots reserved are handed to the claimed deliveries (each worker frees
                // its own), so claimers on this node never claim for the same slots.
                int least = Math.max(1, properties.claimBatch() / 2);
                slots.acquire(least);
                int more = Math.max(0, Math.min(slots.availablePermits(), properties.claimBatch() - least));
                int wanted = least + (more > 0 && slots.tryAcquire(more) ? more : 0);
                long seen = wakeups();
                List<DeliveryQueue.Claimed> claimed = List.of();
                try {
                    Instant now = clock.instant();
                    claimed = queue.claim(Ids.next("clm"), now, now.plus(properties.claimLease()), wanted);
                } finally {
                    slots.release(wanted - claimed.size());
                }
                for (DeliveryQueue.Claimed c : claimed) {
                    send(c, slots);
                }
                if (claimed.size() < wanted) {
                    awaitWork(seen);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Webhook dispatcher {} could not claim deliveries: {}", name, e.getMessage());
                try {
                    Thread.sleep(Math.max(100, properties.pollInterval().toMillis()) * 10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Has a worker deliver a claimed delivery, which holds one of {@code slots} until it is done. */
    private void send(DeliveryQueue.Claimed c, Semaphore slots) {
        try {
            workers.execute(() -> {
                try {
                    deliver(c);
                } catch (RuntimeException e) {
                    // The claim stays until its lease ends, then the delivery is retried: nothing is lost.
                    log.warn("Webhook dispatcher {} could not finish delivery {}: {}", name, c.delivery().id(), e.getMessage());
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // Stopping: the claim stays until its lease ends, then this or another node sends it.
            slots.release();
        }
    }

    /**
     * Slots taken for deliveries about to be queued on this node, so that they go to its workers as
     * soon as their transaction commits instead of waiting to be claimed: they are stored already
     * claimed by {@code token} until {@code leaseUntil}, which saves the claim's query and update.
     * If this node stops or dies first, the lease runs out and they are handed back like any claim.
     */
    record Reservation(Semaphore slots, int count, String token, Instant leaseUntil) {
    }

    /**
     * Takes up to {@code wanted} free slots for deliveries about to be queued on this node, or none
     * (null) when the node is stopped or a claimer is waiting for slots: the queue has a backlog
     * then, and what has waited longest goes first.
     */
    Reservation reserve(int wanted) {
        Semaphore free = slots;
        if (!running || free == null || wanted <= 0 || free.hasQueuedThreads()) {
            return null;
        }
        int count;
        do {
            count = Math.min(wanted, free.availablePermits());
            if (count <= 0) {
                return null;
            }
        } while (!free.tryAcquire(count));
        Instant now = clock.instant();
        return new Reservation(free, count, Ids.next("clm"), now.plus(properties.claimLease()));
    }

    /** Sends deliveries stored as claimed under {@code reservation}, once their transaction committed; frees the slots left over. */
    void handOff(Reservation reservation, List<DeliveryQueue.Claimed> claimed) {
        reservation.slots().release(reservation.count() - claimed.size());
        for (DeliveryQueue.Claimed c : claimed) {
            if (running) {
                send(c, reservation.slots());
            } else {
                reservation.slots().release();
            }
        }
    }

    /** Frees the slots of a reservation whose deliveries were not stored (their transaction rolled back). */
    void cancel(Reservation reservation) {
        reservation.slots().release(reservation.count());
    }

    /**
     * Writes outcomes in batches of up to {@value #RECORD_BATCH}: under load many deliveries share
     * one commit, when idle each is written as soon as it arrives; then applies what they mean for
     * their endpoints. Runs until the dispatcher stops and every queued outcome is written; a halted
     * node drops them, and their claims run out and are delivered again (at least once).
     */
    private void recordOutcomes() {
        List<DeliveryQueue.Outcome> batch = new ArrayList<>(RECORD_BATCH);
        while (!halted && (running || !outcomes.isEmpty() || !workers.isTerminated())) {
            try {
                DeliveryQueue.Outcome first = outcomes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gatherMore(batch);
                queue.record(batch);
                try {
                    afterRecorded(batch);
                } catch (RuntimeException e) {
                    // Stored already; the endpoint's state is corrected by its next outcome.
                    log.warn("Webhook dispatcher {} recorded {} delivery outcomes but could not update their endpoints: {}", name,
                            batch.size(), e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The claims stay until their lease ends, then these deliveries are sent again: nothing is lost.
                log.warn("Webhook dispatcher {} could not record {} delivery outcomes: {}", name, batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds the outcomes that arrive within {@link #RECORD_LINGER} of the first (up to a full batch):
     * at a steady trickle of deliveries this turns one commit per delivery into one per few
     * milliseconds. The deliveries have already arrived; only their bookkeeping waits.
     */
    private void gatherMore(List<DeliveryQueue.Outcome> batch) throws InterruptedException {
        long until = System.nanoTime() + RECORD_LINGER.toNanos();
        while (batch.size() < RECORD_BATCH) {
            outcomes.drainTo(batch, RECORD_BATCH - batch.size());
            long left = until - System.nanoTime();
            if (batch.size() >= RECORD_BATCH || left <= 0 || !running) {
                return;
            }
            DeliveryQueue.Outcome next = outcomes.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /**
     * Once outcomes are stored: a 410 Gone disables its endpoint; otherwise an endpoint's latest
     * attempt in the batch decides whether it is failing (marked once, and disabled when it has
     * failed for {@code disable-after}) or healthy again. Once per endpoint and batch, not per delivery.
     */
    private void afterRecorded(List<DeliveryQueue.Outcome> batch) {
        Map<String, DeliveryQueue.Outcome> latest = new LinkedHashMap<>();
        Set<String> gone = new HashSet<>();
        for (DeliveryQueue.Outcome o : batch) {
            if (o.attempt() == null) {
                continue;
            }
            String endpoint = o.claimed().delivery().endpointId();
            latest.put(endpoint, o);
            if (Integer.valueOf(410).equals(o.statusCode()) && gone.add(endpoint)) {
                disabler.disable(endpoint, "the endpoint answered 410 Gone");
            }
        }
        for (DeliveryQueue.Outcome o : latest.values()) {
            String endpoint = o.claimed().delivery().endpointId();
            Instant since = o.claimed().failingSince();
            if (gone.contains(endpoint)) {
                continue;
            }
            if (o.status() == DeliveryStatus.DELIVERED) {
                if (since != null) {
                    endpoints.clearFailing(endpoint);
                }
                continue;
            }
            Instant at = o.attempt().attemptedAt();
            Instant failingSince = since != null ? since : endpoints.markFailing(endpoint, at);
            if (!failingSince.plus(properties.disableAfter()).isAfter(at)) {
                disabler.disable(endpoint, "failing continuously since " + failingSince + " (no successful delivery for "
                        + properties.disableAfter().toDays() + " days)");
            }
        }
    }

    /** Hands back the claims of dead nodes every few seconds; one claimer does it at a time. */
    private void reapIfDue() {
        Instant now = clock.instant();
        if (Duration.between(lastReap, now).compareTo(REAP_EVERY) < 0) {
            return;
        }
        synchronized (this.signal) {
            if (Duration.between(lastReap, now).compareTo(REAP_EVERY) < 0) {
                return;
            }
            lastReap = now;
        }
        reclaimExpired(now);
    }

    int reclaimExpired(Instant now) {
        int released = queue.releaseExpiredClaims(now);
        if (released > 0) {
            metrics.reclaimed(released);
            log.info("Dispatcher {} took back {} deliveries whose claim lease had ended", name, released);
        }
        return released;
    }

    void deliver(DeliveryQueue.Claimed c) {
        if (halted) {
            return;
        }
        Delivery d = c.delivery();
        Instant now = clock.instant();
        if (c.rateLimit() != null && !endpoints.takeRateSlot(d.endpointId(), now.getEpochSecond())) {
            metrics.rateLimited();
            outcomes.add(new DeliveryQueue.Outcome(c, null, DeliveryStatus.PENDING, Instant.ofEpochSecond(now.getEpochSecond() + 1),
                    d.retryStep(), null, null, null));
            return;
        }
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", d.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.header(d.eventId(), timestamp, d.payload(), keys.of(d.endpointId(), c.secretVersion(), now)));
        WebhookSender.Response response = sender.post(c.url(), headers, d.payload());
        if (halted) {
            return;
        }
        record(c, response, clock.instant());
    }

    private void record(DeliveryQueue.Claimed c, WebhookSender.Response response, Instant now) {
        Delivery d = c.delivery();
        boolean success = response.succeeded();
        metrics.attempt(success, response.latencyMillis());
        Attempt attempt = new Attempt(Ids.next("wha"), d.id(), d.endpointId(), now, response.status(), response.latencyMillis(),
                success ? "succeeded" : "failed", response.error(), response.excerpt());
        int attemptsMade = d.retryStep() + 1;
        if (success) {
            outcomes.add(new DeliveryQueue.Outcome(c, attempt, DeliveryStatus.DELIVERED, null, attemptsMade, response.status(), null, now));
            delivered.incrementAndGet();
            metrics.delivered(Duration.between(d.createdAt(), now));
            return;
        }
        String error = response.error() != null ? response.error() : "HTTP " + response.status();
        if (response.status() != null && response.status() == 410) {
            outcomes.add(new DeliveryQueue.Outcome(c, attempt, DeliveryStatus.FAILED, null, attemptsMade, 410,
                    "410 Gone: the receiver asked to stop", null));
            return;
        }
        Optional<Duration> delay = schedule.next(attemptsMade, ThreadLocalRandom.current()::nextDouble);
        if (delay.isPresent() && response.retryAfter() != null && (response.status() == 429 || response.status() == 503)) {
            Duration asked = response.retryAfter();
            delay = Optional.of(asked.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : asked);
        }
        outcomes.add(delay.isPresent()
                ? new DeliveryQueue.Outcome(c, attempt, DeliveryStatus.PENDING, now.plus(delay.get()), attemptsMade, response.status(), cut(error), null)
                : new DeliveryQueue.Outcome(c, attempt, DeliveryStatus.FAILED, null, attemptsMade, response.status(), cut(error), null));
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
