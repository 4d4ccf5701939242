package dev.flywheel.webhooks;

import dev.flywheel.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop of one node: claims due deliveries from the queue (with a lease), sends each
 * on a worker thread, and records the outcome. At-least-once: a delivery is only marked delivered
 * after a 2xx, and a claim whose node dies is handed back when its lease ends, so a message may
 * arrive twice (receivers deduplicate on {@code webhook-id}) but is never lost.
 *
 * <p>After each attempt: 2xx delivered; 410 Gone fails the message and disables the endpoint;
 * anything else is retried on the {@link RetrySchedule} (a receiver's {@code Retry-After} on 429 or
 * 503 replaces the scheduled delay), and an endpoint failing without a success for
 * {@code disable-after} is disabled. An endpoint's rate limit postpones deliveries to the next
 * second without counting an attempt. Ordering keys are enforced by the claim query.
 */
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration REAP_EVERY = Duration.ofSeconds(5);
    private static final int RECORD_BATCH = 500;

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
    private final BlockingQueue<Boolean> wakeups = new ArrayBlockingQueue<>(1);
    private final AtomicInteger delivered = new AtomicInteger();
    /** Successful attempts waiting to be recorded; the recorder thread writes them in batches, one transaction each. */
    private final BlockingQueue<DeliveryQueue.Success> successes = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private volatile boolean halted;
    private Thread loop;
    private Thread recorder;
    private ExecutorService workers;
    private Semaphore slots;
    private Instant lastReap = Instant.EPOCH;

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
        // Deliveries in flight plus those claimed and waiting for a worker: claiming in batches of up to claim-batch
        // spreads the cost of one claim (which reads the due index) over many deliveries.
        slots = new Semaphore(properties.threads() + properties.claimBatch());
        loop = new Thread(this::run, name + "-claimer");
        loop.setDaemon(true);
        loop.start();
        recorder = new Thread(this::recordSuccesses, name + "-recorder");
        recorder.setDaemon(true);
        recorder.start();
        log.info("Webhook dispatcher {} started ({} threads, {} claims)", name, properties.threads(),
                queue.usesSkipLocked() ? "FOR UPDATE SKIP LOCKED" : "single-claimer");
    }

    /** Stops claiming and lets deliveries in flight finish (up to the attempt timeout). */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        loop.interrupt();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                halt();
            }
            loop.join(1000);
            recorder.join(5000);
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
        if (loop != null) {
            loop.interrupt();
        }
        // Drop the claimed deliveries still waiting for a worker first, then abort those in flight: none is sent after this.
        if (workers != null) {
            workers.shutdownNow();
        }
        sender.abortAll();
        if (recorder != null) {
            recorder.interrupt();
        }
        successes.clear();
    }

    boolean isRunning() {
        return running;
    }

    /** Tells the loop there is new work (an event was just queued on this node). */
    void wake() {
        wakeups.offer(Boolean.TRUE);
    }

    int deliveredCount() {
        return delivered.get();
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                if (Duration.between(lastReap, now).compareTo(REAP_EVERY) >= 0) {
                    lastReap = now;
                    reclaimExpired(now);
                }
                // Wait until a worthwhile batch fits (half a claim batch), or claim at once when the node is idle.
                int least = Math.max(1, properties.claimBatch() / 2);
                slots.acquire(least);
                int free = slots.availablePermits() + least;
                int wanted = Math.min(free, properties.claimBatch());
                List<DeliveryQueue.Claimed> claimed = queue.claim(Ids.next("clm"), now, now.plus(properties.claimLease()), wanted);
                slots.release(least);
                for (DeliveryQueue.Claimed c : claimed) {
                    slots.acquire();
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
                }
                if (claimed.size() < wanted) {
                    wakeups.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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

    /**
     * Writes successful attempts in batches of up to {@value #RECORD_BATCH}: under load many
     * deliveries share one commit, when idle each is written as soon as it arrives. Runs until the
     * dispatcher stops and every queued success is written; a halted node drops them, and their
     * claims run out and are delivered again (at least once).
     */
    private void recordSuccesses() {
        List<DeliveryQueue.Success> batch = new ArrayList<>(RECORD_BATCH);
        while (!halted && (running || !successes.isEmpty() || !workers.isTerminated())) {
            try {
                DeliveryQueue.Success first = successes.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                successes.drainTo(batch, RECORD_BATCH - 1);
                queue.recordDelivered(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The claims stay until their lease ends, then these deliveries are sent again: nothing is lost.
                log.warn("Webhook dispatcher {} could not record {} deliveries: {}", name, batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
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
            queue.finish(c, DeliveryStatus.PENDING, Instant.ofEpochSecond(now.getEpochSecond() + 1), false, d.retryStep(), null, null, now);
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
        if (success) {
            successes.add(new DeliveryQueue.Success(c, attempt));
            delivered.incrementAndGet();
            metrics.delivered(Duration.between(d.createdAt(), now));
            if (c.failingSince() != null) {
                endpoints.clearFailing(d.endpointId());
            }
            return;
        }
        queue.recordAttempt(attempt);
        String error = response.error() != null ? response.error() : "HTTP " + response.status();
        if (response.status() != null && response.status() == 410) {
            queue.finish(c, DeliveryStatus.FAILED, null, true, d.retryStep() + 1, 410, "410 Gone: the receiver asked to stop", now);
            disabler.disable(d.endpointId(), "the endpoint answered 410 Gone");
            return;
        }
        int attemptsMade = d.retryStep() + 1;
        Optional<Duration> delay = schedule.next(attemptsMade, ThreadLocalRandom.current()::nextDouble);
        if (delay.isPresent() && response.retryAfter() != null && (response.status() == 429 || response.status() == 503)) {
            Duration asked = response.retryAfter();
            delay = Optional.of(asked.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : asked);
        }
        if (delay.isPresent()) {
            queue.finish(c, DeliveryStatus.PENDING, now.plus(delay.get()), true, attemptsMade, response.status(), cut(error), now);
        } else {
            queue.finish(c, DeliveryStatus.FAILED, null, true, attemptsMade, response.status(), cut(error), now);
        }
        Instant failingSince = c.failingSince() != null ? c.failingSince() : endpoints.markFailing(d.endpointId(), now);
        if (!failingSince.plus(properties.disableAfter()).isAfter(now)) {
            disabler.disable(d.endpointId(), "failing continuously since " + failingSince + " (no successful delivery for "
                    + properties.disableAfter().toDays() + " days)");
        }
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
