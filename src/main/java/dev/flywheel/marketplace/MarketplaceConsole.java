package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.console.DashboardCard;
import dev.flywheel.platform.console.DashboardSource;
import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The marketplace's console pages: a partner's listings and the listing editor (with
 * completeness and review status), the owner's review and moderation queues, and a customer's
 * installed apps.
 */
@Controller
class MarketplaceConsole {

    private static final String PARTNER_OR_OWNER = "hasAnyRole('PARTNER_ADMIN','PARTNER_MEMBER','OWNER_ADMIN','PARTNER_MANAGER','ANALYST')";
    private static final String REVIEWERS = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')";

    private final Funnel funnel;
    private final Certifications certifications;
    private final java.time.Clock clock;
    private final Listings listings;
    private final Reviews reviews;
    private final Installs installs;
    private final ListingRepository repository;
    private final Organizations organizations;
    private final MarketplaceProperties properties;

    MarketplaceConsole(Listings listings, Reviews reviews, Installs installs, ListingRepository repository, Organizations organizations,
            MarketplaceProperties properties, Funnel funnel, Certifications certifications, java.time.Clock clock) {
        this.funnel = funnel;
        this.certifications = certifications;
        this.clock = clock;
        this.listings = listings;
        this.reviews = reviews;
        this.installs = installs;
        this.repository = repository;
        this.organizations = organizations;
        this.properties = properties;
    }

    @ModelAttribute("categories")
    List<String> categories() {
        return properties.categories();
    }

    @GetMapping("/console/marketplace/listings")
    @PreAuthorize(PARTNER_OR_OWNER)
    String list(Caller caller, @RequestParam(name = "starting_after", required = false) String after, Model model) {
        model.addAttribute("page", listings.list(caller, PageQuery.of(20, after)).map(l -> listings.status(caller, l.id())));
        model.addAttribute("form", new ListingForm());
        return "marketplace/listings";
    }

    @PostMapping("/console/marketplace/listings")
    @PreAuthorize(PARTNER_OR_OWNER)
    String create(Caller caller, @RequestParam String name, RedirectAttributes redirect) {
        try {
            Listing listing = listings.create(caller, ListingContent.empty(name == null ? "" : name.strip()));
            redirect.addFlashAttribute("notice", "Draft created. Fill in the checklist, then submit it for review.");
            return "redirect:/console/marketplace/listings/" + listing.id();
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/marketplace/listings";
        }
    }

    @GetMapping("/console/marketplace/listings/{id}")
    @PreAuthorize(PARTNER_OR_OWNER)
    String editor(Caller caller, @PathVariable String id, Model model) {
        Listings.ReviewStatus status = listings.status(caller, id);
        model.addAttribute("status", status);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ListingForm.of(status.version().content()));
        }
        model.addAttribute("mine", status.listing().partnerId().equals(caller.organizationId()));
        model.addAttribute("reviewer", caller.isOwner() && caller.role() != dev.flywheel.identity.Role.ANALYST);
        model.addAttribute("partner", organizations.find(status.listing().partnerId()).map(o -> o.name()).orElse(""));
        return "marketplace/editor";
    }

    @PostMapping("/console/marketplace/listings/{id}")
    @PreAuthorize(PARTNER_OR_OWNER)
    String save(Caller caller, @PathVariable String id, @ModelAttribute("form") ListingForm form, @RequestParam(required = false) String then,
            Model model, RedirectAttributes redirect) {
        try {
            listings.update(caller, id, form.toContent());
            if ("submit".equals(then)) {
                listings.submit(caller, id);
                redirect.addFlashAttribute("notice", "Submitted for review. The automated checks run now; then a reviewer decides.");
            } else {
                redirect.addFlashAttribute("notice", "Saved.");
            }
            return "redirect:/console/marketplace/listings/" + id;
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            return editor(caller, id, model);
        }
    }

    @PostMapping("/console/marketplace/listings/{id}/app")
    @PreAuthorize(PARTNER_OR_OWNER)
    String linkApp(Caller caller, @PathVariable String id, @RequestParam(required = false) String appId, RedirectAttributes redirect) {
        try {
            listings.linkApp(caller, id, appId);
            redirect.addFlashAttribute("notice", appId == null || appId.isBlank() ? "App unlinked." : "App linked: installs are authorized through it.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/marketplace/listings/" + id;
    }

    @PostMapping("/console/marketplace/listings/{id}/{action:submit|appeal|approve|reject|suspend|reinstate}")
    @PreAuthorize(PARTNER_OR_OWNER)
    String act(Caller caller, @PathVariable String id, @PathVariable String action, @RequestParam(required = false) String text,
            RedirectAttributes redirect) {
        try {
            String notice = switch (action) {
                case "submit" -> {
                    listings.submit(caller, id);
                    yield "Submitted for review.";
                }
                case "appeal" -> {
                    listings.appeal(caller, id, text);
                    yield "Appeal sent; a reviewer will look at it again.";
                }
                case "approve" -> {
                    listings.approve(caller, id, text);
                    yield "Approved and published.";
                }
                case "reject" -> {
                    listings.reject(caller, id, text == null ? List.of() : List.of(text.split("\\R")));
                    yield "Rejected; the partner sees your reasons.";
                }
                case "suspend" -> {
                    listings.suspend(caller, id, text);
                    yield "Suspended: the app is off the marketplace and its installs stop working.";
                }
                default -> {
                    listings.reinstate(caller, id);
                    yield "Reinstated.";
                }
            };
            redirect.addFlashAttribute("notice", notice);
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/marketplace/listings/" + id;
    }

    @GetMapping("/console/marketplace/listings/{id}/analytics")
    @PreAuthorize(PARTNER_OR_OWNER)
    String analytics(Caller caller, @PathVariable String id, Model model) {
        Listings.ReviewStatus status = listings.status(caller, id);
        model.addAttribute("status", status);
        model.addAttribute("report", report(status.listing()));
        model.addAttribute("certification", certifications.evaluate(status.listing().id()));
        model.addAttribute("tierHistory", certifications.history(status.listing().id()));
        return "marketplace/analytics";
    }

    @GetMapping(value = "/console/marketplace/listings/{id}/funnel.svg", produces = "image/svg+xml")
    @PreAuthorize(PARTNER_OR_OWNER)
    @org.springframework.web.bind.annotation.ResponseBody
    String funnelChart(Caller caller, @PathVariable String id) {
        return FunnelChart.daily(report(listings.visibleListing(caller, id)).days());
    }

    @GetMapping(value = "/console/marketplace/listings/{id}/scopes.svg", produces = "image/svg+xml")
    @PreAuthorize(PARTNER_OR_OWNER)
    @org.springframework.web.bind.annotation.ResponseBody
    String scopesChart(Caller caller, @PathVariable String id) {
        return FunnelChart.scopes(report(listings.visibleListing(caller, id)).scopes());
    }

    private Funnel.Report report(Listing listing) {
        java.time.LocalDate to = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        return funnel.report(listing.id(), to.minusDays(29), to);
    }

    @GetMapping("/console/marketplace/review-queue")
    @PreAuthorize(REVIEWERS)
    String queue(Caller caller, Model model) {
        List<Listings.ReviewStatus> waiting = new ArrayList<>();
        for (ListingVersion v : listings.queue(caller)) {
            waiting.add(listings.status(caller, v.listingId()));
        }
        model.addAttribute("waiting", waiting);
        return "marketplace/review-queue";
    }

    @GetMapping("/console/marketplace/moderation")
    @PreAuthorize(REVIEWERS)
    String moderation(Caller caller, Model model) {
        model.addAttribute("reports", reviews.moderationQueue(caller));
        return "marketplace/moderation";
    }

    @PostMapping("/console/marketplace/moderation/{reviewId}")
    @PreAuthorize(REVIEWERS)
    String moderate(Caller caller, @PathVariable String reviewId, @RequestParam String decision, RedirectAttributes redirect) {
        try {
            reviews.moderate(caller, reviewId, decision);
            redirect.addFlashAttribute("notice", "remove".equals(decision) ? "The review is removed from the storefront." : "The review stays.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/marketplace/moderation";
    }

    @GetMapping("/console/marketplace/installed")
    @PreAuthorize("hasAnyRole('CUSTOMER_ADMIN','CUSTOMER_MEMBER')")
    String installed(Caller caller, Model model) {
        List<Object[]> rows = new ArrayList<>();
        for (Installation i : installs.ofAccount(caller)) {
            Listing listing = repository.find(i.listingId()).orElseThrow();
            String name = listing.publishedVersionId() == null ? listing.slug()
                    : repository.version(listing.publishedVersionId()).map(v -> v.content().name()).orElse(listing.slug());
            rows.add(new Object[] {i, listing, name, installs.works(i), installs.authorized(i)});
        }
        model.addAttribute("rows", rows);
        model.addAttribute("admin", caller.role() == dev.flywheel.identity.Role.CUSTOMER_ADMIN);
        return "marketplace/installed";
    }

    @PostMapping("/console/marketplace/installed/{id}/uninstall")
    @PreAuthorize("hasRole('CUSTOMER_ADMIN')")
    String uninstall(Caller caller, @PathVariable String id, RedirectAttributes redirect) {
        try {
            installs.uninstall(caller, id);
            redirect.addFlashAttribute("notice", "Uninstalled: the app's access to this account has ended.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/marketplace/installed";
    }

    /** Navigation entries and the home-page card. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Navigation {

        @Bean
        NavItem marketplaceStorefrontNav() {
            return new NavItem("Marketplace", "Storefront", "/marketplace", 300, Set.of("ORG_OWNER", "ORG_PARTNER", "ORG_CUSTOMER"));
        }

        @Bean
        NavItem marketplaceListingsNav() {
            return new NavItem("Marketplace", "Listings", "/console/marketplace/listings", 310,
                    Set.of("ROLE_PARTNER_ADMIN", "ROLE_PARTNER_MEMBER", "ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
        }

        @Bean
        NavItem marketplaceQueueNav() {
            return new NavItem("Marketplace", "Review queue", "/console/marketplace/review-queue", 320,
                    Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER"));
        }

        @Bean
        NavItem marketplaceModerationNav() {
            return new NavItem("Marketplace", "Review moderation", "/console/marketplace/moderation", 330,
                    Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER"));
        }

        @Bean
        NavItem marketplaceInstalledNav() {
            return new NavItem("Marketplace", "Installed apps", "/console/marketplace/installed", 340,
                    Set.of("ROLE_CUSTOMER_ADMIN", "ROLE_CUSTOMER_MEMBER"));
        }

        @Bean
        DashboardSource marketplaceCards(StorefrontIndex index, ListingRepository repository) {
            return viewer -> {
                Caller caller = Caller.from(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()).orElse(null);
                if (caller == null || !caller.isOwner()) {
                    return List.of();
                }
                return List.of(new DashboardCard("Marketplace", List.of(
                        new DashboardCard.Figure("live apps", String.valueOf(index.all().size())),
                        new DashboardCard.Figure("waiting for review", String.valueOf(repository.queue(1000).size()))),
                        "/console/marketplace/review-queue", 30));
            };
        }
    }
}
