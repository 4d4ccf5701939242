package dev.flywheel.marketplace;

import dev.flywheel.developer.Grant;
import dev.flywheel.developer.Grants;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.Role;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Installing and uninstalling apps. A customer admin sees the consent screen with the app's
 * requested scopes and installs by approving it; the install is recorded with the consented
 * scopes and announced as {@link AppInstalled}. Uninstalling announces {@link AppUninstalled}.
 * Views, install clicks, consent shown/declined, installs, uninstalls and first use are recorded
 * as listing events for ranking and the partner's funnel.
 */
@Service
class Installs {

    /** What the consent screen shows. */
    record Consent(StorefrontIndex.Entry listing, List<String> scopes, Installation existing) {
    }

    private final InstallationRepository installations;
    private final Announcements announcements;
    private final Grants grants;
    private final StorefrontIndex index;
    private final ListingRepository listings;
    private final Organizations organizations;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Installs(InstallationRepository installations, Announcements announcements, Grants grants, StorefrontIndex index,
            ListingRepository listings, Organizations organizations, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.installations = installations;
        this.announcements = announcements;
        this.grants = grants;
        this.index = index;
        this.listings = listings;
        this.organizations = organizations;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void viewed(String listingId) {
        installations.event(listingId, "view", null, null, clock.instant());
    }

    @Transactional
    void installClicked(String listingId) {
        installations.event(listingId, "install_click", null, null, clock.instant());
    }

    /** Shows the consent screen to a customer admin, and records that it was shown. */
    @Transactional
    Consent consent(Caller caller, String slug) {
        requireCustomerAdmin(caller);
        StorefrontIndex.Entry entry = live(slug);
        List<String> scopes = entry.content().requiredScopes();
        installations.event(entry.id(), "consent_shown", caller.organizationId(), scopes, clock.instant());
        Installation existing = installations.find(entry.id(), caller.organizationId()).filter(Installation::active).orElse(null);
        return new Consent(entry, scopes, existing);
    }

    @Transactional
    void declined(Caller caller, String slug) {
        requireCustomerAdmin(caller);
        StorefrontIndex.Entry entry = live(slug);
        installations.event(entry.id(), "consent_declined", caller.organizationId(), entry.content().requiredScopes(), clock.instant());
    }

    /** The customer admin approved the consent screen: the app is installed on their account. */
    @Transactional
    Installation install(Caller caller, String slug) {
        requireCustomerAdmin(caller);
        StorefrontIndex.Entry entry = live(slug);
        Instant now = clock.instant();
        List<String> scopes = entry.content().requiredScopes();
        String segment = organizations.find(caller.organizationId()).map(o -> o.segment()).orElse(null);
        Installation installation = installations.install(entry.id(), caller.organizationId(), segment, caller.actorId(), caller.label(),
                scopes, now).orElseThrow(() -> ApiException.conflict(entry.content().name() + " is installed on this account already."));
        installations.event(entry.id(), "installed", caller.organizationId(), scopes, now);
        announcements.installed(listings.find(entry.id()).orElseThrow(), installation);
        audit.record(caller.organizationId(), "app.installed", entry.id(), entry.content().name() + ": " + String.join(" ", scopes));
        events.publishEvent(new AppInstalled(installation.id(), entry.id(), entry.listing().partnerId(), caller.organizationId(), scopes,
                caller.actorId(), now));
        events.publishEvent(new SignalsChanged(entry.id()));
        return installation;
    }

    @Transactional
    Installation uninstall(Caller caller, String installationId) {
        requireCustomerAdmin(caller);
        Installation installation = installations.find(installationId).filter(i -> i.accountId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("installation", installationId));
        Instant now = clock.instant();
        if (!installations.uninstall(installation.id(), now)) {
            throw ApiException.conflict("This app is not installed any more.");
        }
        Listing listing = listings.find(installation.listingId()).orElseThrow();
        installations.event(listing.id(), "uninstalled", installation.accountId(), null, now);
        int revoked = 0;
        if (listing.appId() != null) {
            // Uninstalling ends the app's access: every grant of its OAuth app on this account is revoked, with its tokens.
            for (Grant grant : grants.ofAccount(caller)) {
                if (grant.appId().equals(listing.appId()) && grant.revokedAt() == null) {
                    grants.revoke(caller, grant.id());
                    revoked++;
                }
            }
        }
        announcements.uninstalled(listing, installation, now);
        audit.record(caller.organizationId(), "app.uninstalled", listing.id(), installation.id() + "; " + revoked + " OAuth grant(s) revoked");
        events.publishEvent(new AppUninstalled(installation.id(), listing.id(), listing.partnerId(), installation.accountId(), now));
        events.publishEvent(new SignalsChanged(listing.id()));
        return installations.find(installation.id()).orElseThrow();
    }

    /**
     * Records the first real use of an installed app. Reported by the product (owner key) or by
     * the app's own partner; repeating it changes nothing.
     */
    @Transactional
    Installation activate(Caller caller, String installationId) {
        Installation installation = installations.find(installationId).orElseThrow(() -> ApiException.notFound("installation", installationId));
        Listing listing = listings.find(installation.listingId()).orElseThrow();
        if (!caller.canSee(listing.partnerId())) {
            throw ApiException.notFound("installation", installationId);
        }
        if (!installation.active()) {
            throw ApiException.conflict("This installation was uninstalled; only an active installation can be activated.");
        }
        Instant now = clock.instant();
        if (installations.activate(installation.id(), now)) {
            installations.event(listing.id(), "activated", installation.accountId(), null, now);
        }
        return installations.find(installation.id()).orElseThrow();
    }

    /** Owner staff and the app's own partner may read an installation; anyone else gets not-found. */
    void requireVisible(Caller caller, Installation installation) {
        Listing listing = listings.find(installation.listingId()).orElseThrow();
        if (!caller.canSee(listing.partnerId()) && !caller.organizationId().equals(installation.accountId())) {
            throw ApiException.notFound("installation", installation.id());
        }
    }

    List<Installation> ofAccount(Caller caller) {
        if (caller.organizationKind() != OrganizationKind.CUSTOMER) {
            throw ApiException.forbidden("Installed apps belong to customer accounts.");
        }
        return installations.ofAccount(caller.organizationId());
    }

    /**
     * Suspending a listing cuts its app off at once: the OAuth grants its app holds on every
     * account that installed it are revoked with their tokens, in the suspension's transaction.
     * Reinstating does not bring them back; customers authorize the app again.
     */
    @EventListener
    void on(ListingSuspended event) {
        Listing listing = listings.find(event.listingId()).orElseThrow();
        if (listing.appId() == null) {
            return;
        }
        for (Installation installation : installations.activeOf(listing.id())) {
            announcements.suspended(installation, event.reason());
            Caller onBehalf = new Caller("marketplace", installation.accountId(), OrganizationKind.CUSTOMER, Role.CUSTOMER_ADMIN,
                    dev.flywheel.platform.Mode.LIVE, "marketplace (listing suspended)");
            for (Grant grant : grants.ofAccount(onBehalf)) {
                if (grant.appId().equals(listing.appId()) && grant.revokedAt() == null) {
                    grants.revoke(onBehalf, grant.id());
                }
            }
        }
    }

    /** A reinstated listing's installs deliver webhooks again (their OAuth grants stay revoked: customers authorize again). */
    @EventListener
    void on(ListingReinstated event) {
        Listing listing = listings.find(event.listingId()).orElseThrow();
        if (listing.appId() == null) {
            return;
        }
        installations.activeOf(listing.id()).forEach(announcements::reinstated);
    }

    /**
     * Whether the install's app holds an OAuth grant from the installing admin right now, i.e. has
     * tokens on this account. False when the listing has no developer platform app linked.
     */
    boolean authorized(Installation installation) {
        return listings.find(installation.listingId()).map(Listing::appId)
                .flatMap(appId -> grants.active(appId, installation.installerEmail())).isPresent();
    }

    /** Whether an installation works right now: installed, and its app not suspended. */
    boolean works(Installation installation) {
        return installation.active() && listings.find(installation.listingId()).map(l -> !l.suspended()).orElse(false);
    }

    private StorefrontIndex.Entry live(String slug) {
        return index.bySlug(slug).orElseThrow(() -> ApiException.notFound("published listing", slug));
    }

    static void requireCustomerAdmin(Caller caller) {
        if (caller.organizationKind() != OrganizationKind.CUSTOMER || caller.role() != Role.CUSTOMER_ADMIN) {
            throw ApiException.forbidden("Only an admin of a customer account may install or remove apps for it.");
        }
    }
}
