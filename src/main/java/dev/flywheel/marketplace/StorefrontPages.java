package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public storefront, app pages, the consent screen and the review form. */
@Controller
class StorefrontPages {

    /** Listings the storefront page shows for a search; the count says how many matched in all. */
    private static final int SHOWN = 60;

    private final Storefront storefront;
    private final Installs installs;
    private final Reviews reviews;
    private final FeaturedCollections collections;
    private final MarketplaceProperties properties;

    StorefrontPages(Storefront storefront, Installs installs, Reviews reviews, FeaturedCollections collections, MarketplaceProperties properties) {
        this.storefront = storefront;
        this.installs = installs;
        this.reviews = reviews;
        this.collections = collections;
        this.properties = properties;
    }

    @GetMapping("/marketplace")
    String storefront(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
            @RequestParam(required = false) String pricing, @RequestParam(required = false) String certification, Model model) {
        ListingSearch.Filters filters = new ListingSearch.Filters(known(category, properties.categories()),
                known(pricing, List.of("free", "freemium", "paid")), known(certification, List.of("listed", "verified", "certified")));
        Storefront.Results results = storefront.search(q, filters, SHOWN);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("filters", filters);
        model.addAttribute("results", results.ranked());
        model.addAttribute("total", results.total());
        model.addAttribute("facets", results.facets());
        model.addAttribute("collections", q == null || q.isBlank() ? collections.featured(storefront) : List.of());
        return "marketplace/storefront";
    }

    @GetMapping("/marketplace/apps/{slug}")
    String app(@PathVariable String slug, @RequestParam(name = "reviews_after", required = false) String reviewsAfter, Model model) {
        Storefront.Ranked app = storefront.live(slug).flatMap(e -> storefront.rankedById(e.id()))
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        installs.viewed(app.entry().id());
        model.addAttribute("app", app);
        model.addAttribute("content", app.entry().content());
        model.addAttribute("reviews", reviews.visible(app.entry().id(), PageQuery.of(20, reviewsAfter)));
        Optional<Caller> caller = Caller.from(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
        model.addAttribute("canInstall", caller.isEmpty() || caller.get().organizationKind() == dev.flywheel.identity.OrganizationKind.CUSTOMER);
        model.addAttribute("signedIn", caller.isPresent());
        model.addAttribute("customer", caller.filter(Reviews::isCustomer).isPresent());
        return "marketplace/app";
    }

    /** The install button: counted as an install click, then on to the consent screen (sign-in first if needed). */
    @GetMapping("/marketplace/apps/{slug}/install-click")
    String installClick(@PathVariable String slug) {
        StorefrontIndex.Entry entry = storefront.live(slug).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        installs.installClicked(entry.id());
        return "redirect:/marketplace/apps/" + entry.listing().slug() + "/install";
    }

    @GetMapping("/marketplace/apps/{slug}/install")
    String consent(@PathVariable String slug, Caller caller, Model model, RedirectAttributes redirect) {
        try {
            Installs.Consent consent = installs.consent(caller, slug);
            model.addAttribute("consent", consent);
            model.addAttribute("content", consent.listing().content());
            return "marketplace/consent";
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/marketplace/apps/" + slug;
        }
    }

    @PostMapping("/marketplace/apps/{slug}/install")
    String install(@PathVariable String slug, @RequestParam String decision, Caller caller, RedirectAttributes redirect) {
        try {
            if (!"approve".equals(decision)) {
                installs.declined(caller, slug);
                redirect.addFlashAttribute("notice", "Nothing was installed.");
                return "redirect:/marketplace/apps/" + slug;
            }
            Installation installation = installs.install(caller, slug);
            Optional<StorefrontIndex.Entry> entry = storefront.live(slug);
            boolean oauth = entry.map(e -> e.listing().appId() != null).orElse(false);
            redirect.addFlashAttribute("notice", entry.map(e -> e.content().name()).orElse(slug)
                    + " is installed. It may use: " + String.join(", ", installation.scopes()) + "."
                    + (oauth ? " When you open the app, it asks you to authorize it; that gives it its access tokens." : ""));
            return "redirect:/console/marketplace/installed";
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/marketplace/apps/" + slug;
        }
    }

    @GetMapping("/marketplace/apps/{slug}/review")
    String reviewForm(@PathVariable String slug, Caller caller, Model model) {
        StorefrontIndex.Entry entry = storefront.live(slug).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        model.addAttribute("content", entry.content());
        model.addAttribute("slug", entry.listing().slug());
        model.addAttribute("existing", reviews.ofAccount(entry.id(), caller.organizationId()).orElse(null));
        return "marketplace/review-form";
    }

    @PostMapping("/marketplace/apps/{slug}/review")
    String review(@PathVariable String slug, @RequestParam(required = false) Integer stars, @RequestParam String body,
            @RequestParam(name = "appVersion", required = false) String appVersion, Caller caller, RedirectAttributes redirect) {
        StorefrontIndex.Entry entry = storefront.live(slug).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        try {
            Optional<Review> existing = reviews.ofAccount(entry.id(), caller.organizationId());
            if (existing.isPresent()) {
                reviews.update(caller, existing.get().id(), stars, body, appVersion);
                redirect.addFlashAttribute("notice", "Your review is updated.");
            } else {
                reviews.write(caller, entry.id(), stars, body, appVersion);
                redirect.addFlashAttribute("notice", "Thank you: your review is published.");
            }
            return "redirect:/marketplace/apps/" + slug;
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/marketplace/apps/" + slug + "/review";
        }
    }

    @PostMapping("/marketplace/reviews/{id}/report")
    String report(@PathVariable String id, @RequestParam String reason, @RequestParam String slug, Caller caller, RedirectAttributes redirect) {
        try {
            reviews.report(caller, id, reason);
            redirect.addFlashAttribute("notice", "Thank you: the review was reported to the marketplace's moderators.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/marketplace/apps/" + slug;
    }

    @PostMapping("/marketplace/reviews/{id}/reply")
    String reply(@PathVariable String id, @RequestParam String body, @RequestParam String slug, Caller caller, RedirectAttributes redirect) {
        try {
            reviews.reply(caller, id, body);
            redirect.addFlashAttribute("notice", "Your reply is published.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/marketplace/apps/" + slug;
    }

    private static String known(String value, List<String> allowed) {
        String v = value == null ? null : value.strip().toLowerCase(Locale.ROOT);
        return v != null && allowed.contains(v) ? v : null;
    }
}
