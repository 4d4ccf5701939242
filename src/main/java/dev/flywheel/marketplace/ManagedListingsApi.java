package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace/managed-listings")
@Tag(name = "Marketplace listings (partners and review)",
        description = "Technology partners create, edit, submit and appeal listings; the owner reviews, approves, rejects and suspends")
class ManagedListingsApi {

    record Decision(String note, List<String> reasons) {
    }

    record Appeal(String statement) {
    }

    record Suspension(String reason) {
    }

    record AppLink(String appId) {
    }

    private final Listings listings;

    ManagedListingsApi(Listings listings) {
        this.listings = listings;
    }

    @PostMapping
    @Operation(summary = "Create a listing (draft)", description = "Technology partners (and the owner). URLs on private networks are refused.")
    ResponseEntity<MarketplaceViews.ManagedListing> create(@RequestBody ListingInput body, Caller caller) {
        Listing listing = listings.create(caller, body.toContent());
        return ResponseEntity.status(HttpStatus.CREATED).body(MarketplaceViews.managed(listings.status(caller, listing.id())));
    }

    @GetMapping
    @Operation(summary = "List managed listings", description = "A partner's own listings; the owner sees all. Newest first, cursor-paged.")
    CursorPage<MarketplaceViews.ManagedListing> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        return listings.list(caller, PageQuery.of(limit, startingAfter)).map(l -> MarketplaceViews.managed(listings.status(caller, l.id())));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a managed listing",
            description = "The latest version's content, completeness checklist and review status: state, queue position, SLA timer, "
                    + "check results, reasons and the state history with timestamps.")
    MarketplaceViews.ManagedListing get(@PathVariable String id, Caller caller) {
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a listing",
            description = "Replaces the content of the draft or rejected version. Editing a published listing starts a new version, "
                    + "which is reviewed again while the published one stays live.")
    MarketplaceViews.ManagedListing update(@PathVariable String id, @RequestBody ListingInput body, Caller caller) {
        listings.update(caller, id, body.toContent());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PutMapping("/{id}/app")
    @Operation(summary = "Link the listing's developer platform app",
            description = "The OAuth client (GET /api/v1/apps) customers authorize when they install: its grants carry the install's "
                    + "tokens, and uninstalling revokes them. It must be this partner's, active, and registered for every scope the "
                    + "listing requests (checked in review). `app_id: null` unlinks.")
    MarketplaceViews.ManagedListing linkApp(@PathVariable String id, @RequestBody AppLink body, Caller caller) {
        listings.linkApp(caller, id, body.appId());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Submit (or resubmit) for review", description = "The automated checks run at once; then a person reviews.")
    MarketplaceViews.ManagedListing submit(@PathVariable String id, Caller caller) {
        listings.submit(caller, id);
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/appeal")
    @Operation(summary = "Appeal a rejection", description = "A person reviews the rejected version again with the partner's statement.")
    MarketplaceViews.ManagedListing appeal(@PathVariable String id, @RequestBody Appeal body, Caller caller) {
        listings.appeal(caller, id, body.statement());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve and publish", description = "Owner admins and partner managers; for versions in human review or appealed.")
    MarketplaceViews.ManagedListing approve(@PathVariable String id, @RequestBody(required = false) Decision body, Caller caller) {
        listings.approve(caller, id, body == null ? null : body.note());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject with reasons", description = "Owner admins and partner managers. At least one reason; the partner sees them.")
    MarketplaceViews.ManagedListing reject(@PathVariable String id, @RequestBody Decision body, Caller caller) {
        listings.reject(caller, id, body.reasons());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/suspend")
    @Operation(summary = "Suspend a listing", description = "Takes it off the marketplace; its installs stop working until it is reinstated.")
    MarketplaceViews.ManagedListing suspend(@PathVariable String id, @RequestBody Suspension body, Caller caller) {
        listings.suspend(caller, id, body.reason());
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @PostMapping("/{id}/reinstate")
    @Operation(summary = "Reinstate a suspended listing")
    MarketplaceViews.ManagedListing reinstate(@PathVariable String id, Caller caller) {
        listings.reinstate(caller, id);
        return MarketplaceViews.managed(listings.status(caller, id));
    }

    @GetMapping("/review-queue")
    @Operation(summary = "The review queue", description = "Owner staff. Versions waiting for checks, a reviewer or an appeal decision, oldest first.")
    List<MarketplaceViews.ManagedListing> queue(Caller caller) {
        return listings.queue(caller).stream().map(v -> MarketplaceViews.managed(listings.status(caller, v.listingId()))).toList();
    }
}
