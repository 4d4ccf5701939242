package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace/collections")
@Tag(name = "Marketplace", description = "The public app marketplace: published listings in rank order, and each listing's ranking")
class CollectionsApi {

    record CollectionBody(String title, List<String> listingIds, Integer position) {
    }

    record CollectionView(String id, String object, String slug, String title, int position, List<MarketplaceViews.ListingSummary> listings) {
    }

    private final FeaturedCollections collections;
    private final Storefront storefront;
    private final StorefrontIndex index;

    CollectionsApi(FeaturedCollections collections, Storefront storefront, StorefrontIndex index) {
        this.collections = collections;
        this.storefront = storefront;
        this.index = index;
    }

    @GetMapping
    @Operation(summary = "Featured collections", description = "No authentication. The owner's curated collections with their live listings, in order.")
    List<CollectionView> list() {
        return collections.featured(storefront).stream().map(s -> new CollectionView(s.collection().id(), "collection", s.collection().slug(),
                s.collection().title(), s.collection().position(), s.listings().stream().map(MarketplaceViews::summary).toList())).toList();
    }

    @PutMapping("/{slug}")
    @Operation(summary = "Create or replace a featured collection",
            description = "Owner admins and partner managers. `listing_ids` in the order shown; `position` orders the collections.")
    CollectionView put(@PathVariable String slug, @RequestBody CollectionBody body, Caller caller) {
        FeaturedCollections.Collection c = collections.put(caller, slug, body.title(), body.listingIds(),
                body.position() == null ? 0 : body.position(), index);
        return new CollectionView(c.id(), "collection", c.slug(), c.title(), c.position(),
                c.listingIds().stream().flatMap(id -> storefront.rankedById(id).stream()).map(MarketplaceViews::summary).toList());
    }
}
