package dev.flywheel.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Webhook delivery.
 *
 * @param allowPrivateNetworks let endpoints resolve to loopback, private, link-local or metadata
 *        addresses and use plain http in live mode (env {@code FLYWHEEL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS});
 *        default false: only for local development and tests
 * @param encryptionKey base64 of a 32-byte AES key that encrypts signing secrets at rest (env
 *        {@code FLYWHEEL_WEBHOOKS_ENCRYPTION_KEY}); when empty, one is generated on first start and
 *        kept in the platform settings table. Set it explicitly in production, so a database dump
 *        alone does not reveal the secrets.
 * @param retrySchedule delay before each attempt: the first is immediate, then 5s, 5m, 30m, 2h, 5h,
 *        10h, 14h, 20h and 24h; after the last the message is marked failed
 * @param jitter each retry delay is varied randomly by up to this fraction either way (default 0.2)
 * @param timeout how long one attempt may take, connect to last byte (default 15s)
 * @param disableAfter an endpoint failing continuously this long is disabled and its owner told (default 5d)
 * @param responseExcerpt how much of each response body is kept in the attempt log (default 20KB)
 * @param maxResponseSize larger response bodies are not read further; the connection is dropped (default 1MB)
 * @param maxRetryAfter a receiver's Retry-After is honoured up to this long (default 24h)
 * @param dispatcher run the delivery loop on this node (default true)
 * @param threads concurrent deliveries per node (default 32)
 * @param claimBatch deliveries claimed from the queue at once, by one claimer (default 200)
 * @param claimers claimer threads per node on PostgreSQL, claiming at the same time (their
 *        {@code FOR UPDATE SKIP LOCKED} claims take disjoint batches); H2 always uses one (default 2)
 * @param pollInterval how often an idle dispatcher looks for due deliveries (default 100ms); new
 *        events accepted on the same node wake it at once
 * @param claimLease a claimed delivery not finished within this time is handed to another dispatcher
 *        (the claiming node died); must exceed {@code timeout} (default 2m)
 * @param rotationOverlap after a secret rotation the previous secret keeps signing this long (default 24h)
 * @param retention deliveries and attempts older than this are deleted (default 30d)
 * @param retentionBatch rows per delete statement (default 1000)
 */
@ConfigurationProperties("flywheel.webhooks")
record WebhooksProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue("") String encryptionKey,
        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"}) List<Duration> retrySchedule,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("20KB") DataSize responseExcerpt,
        @DefaultValue("1MB") DataSize maxResponseSize,
        @DefaultValue("24h") Duration maxRetryAfter,
        @DefaultValue("true") boolean dispatcher,
        @DefaultValue("32") int threads,
        @DefaultValue("200") int claimBatch,
        @DefaultValue("2") int claimers,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("2m") Duration claimLease,
        @DefaultValue("24h") Duration rotationOverlap,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1000") int retentionBatch) {

    WebhooksProperties {
        if (claimLease.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("flywheel.webhooks.claim-lease (" + claimLease + ") must be longer than flywheel.webhooks.timeout (" + timeout + ")");
        }
        if (threads < 1 || claimBatch < 1 || claimers < 1) {
            throw new IllegalArgumentException("flywheel.webhooks.threads, claim-batch and claimers must each be at least 1 (are " + threads
                    + ", " + claimBatch + ", " + claimers + ")");
        }
        if (retrySchedule.isEmpty()) {
            throw new IllegalArgumentException("flywheel.webhooks.retry-schedule needs at least one entry (the first attempt)");
        }
    }
}
