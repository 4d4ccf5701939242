package dev.flywheel.webhooks;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.identity.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhooks side of a marketplace install (module API; the marketplace calls it inside the
 * transaction that installs, uninstalls, suspends or reinstates, so the change is at once):
 * installing subscribes every endpoint of the app to the customer account's events; uninstalling
 * ends those subscriptions and cancels whatever was queued for them and not yet sent; suspending
 * the app's listing does the same until it is reinstated.
 *
 * <p>{@code account} is the customer's id in the product, the {@code account} events carry.
 */
@Service
public class InstallSubscriptions {

    private final AppSubscriptionRepository subscriptions;
    private final EndpointRepository endpoints;
    private final DeliveryQueue queue;
    private final Apps apps;
    private final AuditLog audit;
    private final WebhookMetrics metrics;
    private final Clock clock;

    InstallSubscriptions(AppSubscriptionRepository subscriptions, EndpointRepository endpoints, DeliveryQueue queue, Apps apps, AuditLog audit,
            WebhookMetrics metrics, Clock clock) {
        this.subscriptions = subscriptions;
        this.endpoints = endpoints;
        this.queue = queue;
        this.apps = apps;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The customer account installed the app (again), consenting to {@code scopes}: every endpoint
     * of the app now receives that account's events, of the types the scopes allow. Returns how
     * many endpoints were subscribed; zero when the app is unknown or has no endpoint yet (endpoints
     * made later are subscribed to every current install when they are created).
     */
    @Transactional
    public int installed(String installId, String appId, String account, List<String> scopes) {
        Optional<App> app = apps.find(appId);
        if (app.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        subscriptions.upsertInstall(installId, appId, account, app.get().mode(), scopes == null ? List.of() : scopes, now);
        AppSubscriptionRepository.Install install = subscriptions.install(installId).orElseThrow();
        List<String> ids = endpoints.ofApp(appId).stream().filter(e -> e.mode() == install.mode()).map(Endpoint::id).toList();
        int subscribed = subscriptions.subscribe(install, ids, now);
        if (!ids.isEmpty()) {
            audit.record(app.get().organizationId(), "webhook_subscriptions.created", installId,
                    ids.size() + " endpoint(s) of " + appId + " now receive events of account " + account);
        }
        return subscribed;
    }

    /** The customer uninstalled the app: its endpoints stop receiving the account's events at once. Returns the messages cancelled. */
    @Transactional
    public int uninstalled(String installId) {
        return stop(installId, SubscriptionStatus.ENDED, "the customer uninstalled the app", WebhookMetrics.CancelReason.UNINSTALLED);
    }

    /** The owner suspended the app's listing: nothing is delivered for this install until it is reinstated. Returns the messages cancelled. */
    @Transactional
    public int suspended(String installId, String reason) {
        return stop(installId, SubscriptionStatus.SUSPENDED, "the app was suspended" + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()),
                WebhookMetrics.CancelReason.SUSPENDED);
    }

    /**
     * The app's listing was reinstated: an install that is still installed delivers new events again
     * (what was cancelled stays cancelled). A message queued by an event stored at the very moment
     * of the suspension (after it cancelled the rest) is cancelled first, so nothing from the
     * suspended time goes out late.
     */
    @Transactional
    public void reinstated(String installId) {
        subscriptions.install(installId).filter(i -> i.status() == SubscriptionStatus.SUSPENDED).ifPresent(i -> {
            metrics.cancelled(WebhookMetrics.CancelReason.INSTALL_ENDED,
                    queue.cancelForInstall(i.id(), "cancelled: queued while the app was suspended"));
            subscriptions.setStatus(i.id(), SubscriptionStatus.ACTIVE, null, clock.instant());
        });
    }

    private int stop(String installId, SubscriptionStatus status, String reason, WebhookMetrics.CancelReason metric) {
        Optional<AppSubscriptionRepository.Install> install = subscriptions.install(installId);
        if (install.isEmpty() || install.get().status() == SubscriptionStatus.ENDED) {
            return 0;
        }
        subscriptions.setStatus(installId, status, reason, clock.instant());
        int cancelled = queue.cancelForInstall(installId, "cancelled: " + reason);
        metrics.cancelled(metric, cancelled);
        apps.find(install.get().appId()).ifPresent(app -> audit.record(app.organizationId(), "webhook_subscriptions." + status.name().toLowerCase(
                java.util.Locale.ROOT), installId, reason + "; " + cancelled + " queued message(s) cancelled"));
        return cancelled;
    }
}
