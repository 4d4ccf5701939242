package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Owner-curated featured collections on the storefront ("Best for sales teams"), in the owner's order. */
@Service
class FeaturedCollections {

    record Collection(String id, String slug, String title, List<String> listingIds, int position) {
    }

    /** A collection with its live listings, in the curated order. */
    record Shown(Collection collection, List<Storefront.Ranked> listings) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    FeaturedCollections(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Collection> all() {
        return jdbc.sql("select * from mkt_collections order by position, slug")
                .query((rs, n) -> new Collection(rs.getString("id"), rs.getString("slug"), rs.getString("title"),
                        ListingRepository.lines(rs.getString("listing_ids")), rs.getInt("position")))
                .list();
    }

    /** Creates or replaces the collection with this slug. Owner staff who review listings only. */
    @Transactional
    Collection put(Caller caller, String slug, String title, List<String> listingIds, int position, StorefrontIndex index) {
        Listings.requireReviewer(caller);
        if (slug == null || !slug.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw ApiException.invalid("slug", "must be lower-case letters, digits and dashes, e.g. best-for-sales");
        }
        if (title == null || title.isBlank() || title.length() > 120) {
            throw ApiException.invalid("title", "must be 1 to 120 characters");
        }
        List<String> ids = listingIds == null ? List.of() : listingIds.stream().distinct().toList();
        if (ids.isEmpty() || ids.size() > 24) {
            throw ApiException.invalid("listing_ids", "must name 1 to 24 listings");
        }
        for (String id : ids) {
            if (index.entry(id).isEmpty()) {
                throw ApiException.invalid("listing_ids", "'" + id + "' is not a published listing");
            }
        }
        int updated = jdbc.sql("update mkt_collections set title = :title, listing_ids = :ids, position = :position where slug = :slug")
                .param("title", title.strip()).param("ids", String.join("\n", ids)).param("position", position).param("slug", slug).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into mkt_collections (id, slug, title, listing_ids, position, created_at)
                    values (:id, :slug, :title, :ids, :position, :at) on conflict do nothing""")
                    .param("id", Ids.next("col")).param("slug", slug).param("title", title.strip()).param("ids", String.join("\n", ids))
                    .param("position", position).param("at", Sql.at(clock.instant())).update();
        }
        return all().stream().filter(c -> c.slug().equals(slug)).findFirst().orElseThrow();
    }

    /** Every collection with its listings that are live now (suspended ones drop out by themselves). */
    List<Shown> featured(Storefront storefront) {
        List<Shown> out = new ArrayList<>();
        for (Collection c : all()) {
            List<Storefront.Ranked> live = new ArrayList<>();
            for (String id : c.listingIds()) {
                Optional<Storefront.Ranked> ranked = storefront.rankedById(id);
                ranked.ifPresent(live::add);
            }
            if (!live.isEmpty()) {
                out.add(new Shown(c, live));
            }
        }
        return out;
    }
}
