package dev.flywheel.marketplace;

import dev.flywheel.events.Events;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.insights.IntegrationInstalls;
import dev.flywheel.platform.Mode;
import dev.flywheel.webhooks.InstallSubscriptions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Tells the rest of Flywheel what happened in the marketplace, inside the transaction that did
 * it: the catalog events {@code app.installed}, {@code app.uninstalled}, {@code review.posted}
 * and {@code listing.published} (stored by the events module and delivered to webhook
 * subscribers), installs as facts for insights, and installs to the webhooks module, which
 * subscribes the app's endpoints to the account's events (and stops them on uninstall). {@code app_id} is the linked developer
 * platform app, or the listing id while no app is linked.
 */
@Component
class Announcements {

    private final Events events;
    private final IntegrationInstalls insights;
    private final Organizations organizations;
    private final InstallSubscriptions webhooks;

    Announcements(Events events, IntegrationInstalls insights, Organizations organizations, InstallSubscriptions webhooks) {
        this.events = events;
        this.webhooks = webhooks;
        this.insights = insights;
        this.organizations = organizations;
    }

    void installed(Listing listing, Installation installation) {
        String account = productAccount(installation.accountId());
        if (listing.appId() != null) {
            webhooks.installed(installation.id(), listing.appId(), account, installation.scopes());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", appId(listing));
        data.put("install_id", installation.id());
        data.put("scopes", installation.scopes());
        events.emit("app.installed", account, data, Mode.LIVE, "app.installed:" + installation.id() + ":" + installation.installedAt());
        insights.installed(Mode.LIVE, installation.id(), account, listing.slug(), listing.partnerId(), installation.installedAt());
    }

    void uninstalled(Listing listing, Installation installation, Instant at) {
        String account = productAccount(installation.accountId());
        webhooks.uninstalled(installation.id());
        events.emit("app.uninstalled", account, Map.of("app_id", appId(listing), "install_id", installation.id(), "reason", "uninstalled by the customer"),
                Mode.LIVE, "app.uninstalled:" + installation.id() + ":" + at);
        insights.uninstalled(Mode.LIVE, installation.id(), account, listing.slug(), listing.partnerId(), installation.installedAt(), at);
    }

    /** The listing was suspended: its app's endpoints stop receiving the install's events until it is reinstated. */
    void suspended(Installation installation, String reason) {
        webhooks.suspended(installation.id(), reason);
    }

    void reinstated(Installation installation) {
        webhooks.reinstated(installation.id());
    }

    void reviewPosted(Listing listing, Review review) {
        events.emit("review.posted", productAccount(review.accountId()),
                Map.of("review_id", review.id(), "app_id", appId(listing), "rating", review.stars()), Mode.LIVE, "review.posted:" + review.id());
    }

    void published(Listing listing, ListingVersion version) {
        events.emit("listing.published", null, Map.of("listing_id", listing.id(), "app_id", appId(listing), "name", version.content().name()),
                Mode.LIVE, "listing.published:" + version.id());
    }

    private static String appId(Listing listing) {
        return listing.appId() == null ? listing.id() : listing.appId();
    }

    /** The account's id in the product (events and insights speak the product's ids); ours when it has none. */
    private String productAccount(String accountId) {
        return organizations.find(accountId).map(Organization::externalId).filter(id -> id != null && !id.isBlank()).orElse(accountId);
    }
}
