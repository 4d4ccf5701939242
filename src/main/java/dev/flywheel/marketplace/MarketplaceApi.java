package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace/listings")
@Tag(name = "Marketplace", description = "The public app marketplace: published listings in rank order, and each listing's ranking")
class MarketplaceApi {

    record ReviewView(String id, String object, int stars, String body, String appVersion, String author, java.time.Instant createdAt,
            java.time.Instant updatedAt, String reply, java.time.Instant repliedAt) {
    }

    private final Storefront storefront;
    private final Reviews reviews;
    private final MarketplaceProperties properties;

    MarketplaceApi(Storefront storefront, Reviews reviews, MarketplaceProperties properties) {
        this.storefront = storefront;
        this.reviews = reviews;
        this.properties = properties;
    }

    @GetMapping("/{slug}/reviews")
    @Operation(summary = "A published listing's reviews", description = "No authentication. Verified installers' reviews, newest first, cursor-paged.")
    CursorPage<ReviewView> reviews(@PathVariable String slug, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        StorefrontIndex.Entry entry = storefront.live(slug).orElseThrow(() -> ApiException.notFound("published listing", slug));
        return reviews.visible(entry.id(), PageQuery.of(limit, startingAfter)).map(r -> new ReviewView(r.id(), "review", r.stars(), r.body(),
                r.appVersion(), r.authorName(), r.createdAt(), r.updatedAt(), r.replyBody(), r.replyAt()));
    }

    @GetMapping
    @Operation(summary = "Search published listings",
            description = "No authentication. Published listings in rank order (see the ranking formula in the marketplace docs), "
                    + "each with its Bayesian-average rating, review count, active install count and certification tier. "
                    + "`q` searches name, tagline, keywords and description with typo tolerance; `category`, `pricing` "
                    + "(free, freemium, paid) and `certification` (listed, verified, certified) narrow the results. Cursor-paged: "
                    + "pass the last id of a page as `starting_after`.")
    CursorPage<MarketplaceViews.ListingSummary> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String category, @RequestParam(required = false) String pricing,
            @RequestParam(required = false) String certification, @RequestParam(required = false) Integer limit,
            @Parameter(description = "id of the last listing of the previous page")
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        return storefront.page(q, filters(category, pricing, certification), PageQuery.of(limit, startingAfter))
                .map(MarketplaceViews::summary);
    }

    @GetMapping("/{slug}")
    @Operation(summary = "Get a published listing", description = "No authentication. Everything the app page shows.")
    MarketplaceViews.ListingDetail get(@PathVariable String slug) {
        return storefront.live(slug).flatMap(e -> storefront.rankedById(e.id())).map(MarketplaceViews::detail)
                .orElseThrow(() -> ApiException.notFound("published listing", slug));
    }

    @GetMapping("/{slug}/ranking")
    @Operation(summary = "Explain a listing's ranking",
            description = "For the listing's own partner and the owner. The score and every term of the formula that produced it: "
                    + "weight, value (0–1), contribution and a plain explanation; with `q`, also the text relevance and the place "
                    + "in that query's results.")
    MarketplaceViews.RankingView ranking(@PathVariable String slug, @RequestParam(required = false) String q, Caller caller) {
        StorefrontIndex.Entry entry = storefront.live(slug).orElseThrow(() -> ApiException.notFound("published listing", slug));
        if (!caller.canSee(entry.listing().partnerId())) {
            throw ApiException.forbidden("Only the listing's own partner and the owner may see its ranking breakdown.");
        }
        return MarketplaceViews.ranking(storefront.ranking(slug, q).orElseThrow());
    }

    private ListingSearch.Filters filters(String category, String pricing, String certification) {
        String c = blank(category);
        if (c != null && !properties.categories().contains(c)) {
            throw ApiException.invalid("category", "must be one of " + properties.categories());
        }
        String p = blank(pricing);
        if (p != null && !java.util.List.of("free", "freemium", "paid").contains(p)) {
            throw ApiException.invalid("pricing", "must be free, freemium or paid");
        }
        String t = blank(certification);
        if (t != null && !java.util.List.of("listed", "verified", "certified").contains(t)) {
            throw ApiException.invalid("certification", "must be listed, verified or certified");
        }
        return new ListingSearch.Filters(c, p, t);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
