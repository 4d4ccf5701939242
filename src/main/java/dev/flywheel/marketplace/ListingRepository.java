package dev.flywheel.marketplace;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Listings, their versions, state history and check results. */
@Repository
class ListingRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ListingRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the listing unless its slug is taken; false when taken. */
    boolean insertListing(Listing l) {
        return jdbc.sql("""
                insert into mkt_listings (id, partner_id, slug, tier, created_at, updated_at)
                values (:id, :partner, :slug, :tier, :at, :at) on conflict do nothing""")
                .param("id", l.id()).param("partner", l.partnerId()).param("slug", l.slug()).param("tier", l.tier().wire())
                .param("at", Sql.at(l.createdAt())).update() == 1;
    }

    void insertVersion(ListingVersion v) {
        jdbc.sql("""
                insert into mkt_listing_versions (id, listing_id, version_number, state, name, tagline, job, how_it_works, setup, categories,
                  keywords, screenshots, demo_video_url, pricing, website_url, support_url, privacy_url, terms_url, required_scopes, features,
                  event_types, api_versions, created_at, updated_at)
                values (:id, :listing, :number, :state, :name, :tagline, :job, :how, :setup, :categories, :keywords, :screenshots, :video,
                  :pricing, :website, :support, :privacy, :terms, :scopes, :features, :events, :versions, :at, :at)""")
                .param("id", v.id()).param("listing", v.listingId()).param("number", v.number()).param("state", v.state().wire())
                .params(contentParams(v.content())).param("at", Sql.at(v.createdAt())).update();
    }

    void updateContent(String versionId, ListingContent c, Instant now) {
        jdbc.sql("""
                update mkt_listing_versions set name = :name, tagline = :tagline, job = :job, how_it_works = :how, setup = :setup,
                  categories = :categories, keywords = :keywords, screenshots = :screenshots, demo_video_url = :video, pricing = :pricing,
                  website_url = :website, support_url = :support, privacy_url = :privacy, terms_url = :terms, required_scopes = :scopes,
                  features = :features, event_types = :events, api_versions = :versions, updated_at = :at
                where id = :id""")
                .params(contentParams(c)).param("id", versionId).param("at", Sql.at(now)).update();
    }

    /**
     * Moves a version from one state to another only if it is still in {@code from}, so two
     * reviewers (or two nodes) can never both decide the same version. False when it was not.
     */
    boolean moveState(String versionId, SubmissionState from, SubmissionState to, Instant now) {
        String extra = switch (to) {
            case SUBMITTED -> ", submitted_at = :now, queued_at = :now, reasons = null, decided_at = null";
            case APPEALED -> ", queued_at = :now";
            case PUBLISHED, REJECTED, SUPERSEDED -> ", decided_at = :now";
            default -> "";
        };
        return jdbc.sql("update mkt_listing_versions set state = :to, updated_at = :now" + extra + " where id = :id and state = :from")
                .param("to", to.wire()).param("from", from.wire()).param("id", versionId).param("now", Sql.at(now)).update() == 1;
    }

    void setReasons(String versionId, List<String> reasons) {
        jdbc.sql("update mkt_listing_versions set reasons = :reasons where id = :id")
                .param("reasons", reasons.isEmpty() ? null : String.join("\n", reasons)).param("id", versionId).update();
    }

    void setAppeal(String versionId, String appeal) {
        jdbc.sql("update mkt_listing_versions set appeal = :appeal where id = :id").param("appeal", appeal).param("id", versionId).update();
    }

    void addHistory(String versionId, SubmissionState from, SubmissionState to, String actor, String note, Instant at) {
        jdbc.sql("""
                insert into mkt_state_history (id, version_id, from_state, to_state, actor, note, occurred_at)
                values (:id, :version, :from, :to, :actor, :note, :at)""")
                .param("id", Ids.next("lsh")).param("version", versionId).param("from", from == null ? null : from.wire())
                .param("to", to.wire()).param("actor", actor).param("note", note).param("at", Sql.at(at)).update();
    }

    record HistoryEntry(SubmissionState from, SubmissionState to, String actor, String note, Instant at) {
    }

    List<HistoryEntry> history(String versionId) {
        return jdbc.sql("select * from mkt_state_history where version_id = :v order by id").param("v", versionId)
                .query((rs, n) -> new HistoryEntry(rs.getString("from_state") == null ? null : SubmissionState.fromWire(rs.getString("from_state")),
                        SubmissionState.fromWire(rs.getString("to_state")), rs.getString("actor"), rs.getString("note"),
                        Sql.instant(rs, "occurred_at")))
                .list();
    }

    void replaceCheckResults(String versionId, List<ReviewCheck.Result> results, Instant at) {
        jdbc.sql("delete from mkt_check_results where version_id = :v").param("v", versionId).update();
        for (ReviewCheck.Result r : results) {
            jdbc.sql("""
                    insert into mkt_check_results (id, version_id, check_name, outcome, findings, checked_at)
                    values (:id, :v, :name, :outcome, :findings, :at)""")
                    .param("id", Ids.next("lck")).param("v", versionId).param("name", r.check()).param("outcome", r.outcome().wire())
                    .param("findings", String.join("\n", r.findings())).param("at", Sql.at(at)).update();
        }
    }

    List<ReviewCheck.Result> checkResults(String versionId) {
        return jdbc.sql("select * from mkt_check_results where version_id = :v order by id").param("v", versionId)
                .query((rs, n) -> new ReviewCheck.Result(rs.getString("check_name"),
                        ReviewCheck.Outcome.valueOf(rs.getString("outcome").toUpperCase(java.util.Locale.ROOT)), lines(rs.getString("findings"))))
                .list();
    }

    Optional<Listing> find(String id) {
        return jdbc.sql("select * from mkt_listings where id = :id").param("id", id).query(ListingRepository::mapListing).optional();
    }

    Optional<Listing> findBySlug(String slug) {
        return jdbc.sql("select * from mkt_listings where slug = :slug").param("slug", slug).query(ListingRepository::mapListing).optional();
    }

    CursorPage<Listing> ofPartner(String partnerId, PageQuery query) {
        List<Listing> rows = jdbc.sql("""
                select * from mkt_listings where (cast(:partner as varchar) is null or partner_id = :partner)
                  and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("partner", partnerId).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(ListingRepository::mapListing).list();
        return CursorPage.of(rows, query, Listing::id);
    }

    Optional<ListingVersion> version(String id) {
        return jdbc.sql("select * from mkt_listing_versions where id = :id").param("id", id).query(this::mapVersion).optional();
    }

    Optional<ListingVersion> latestVersion(String listingId) {
        return jdbc.sql("select * from mkt_listing_versions where listing_id = :l order by version_number desc limit 1")
                .param("l", listingId).query(this::mapVersion).optional();
    }

    List<ListingVersion> versions(String listingId) {
        return jdbc.sql("select * from mkt_listing_versions where listing_id = :l order by version_number desc")
                .param("l", listingId).query(this::mapVersion).list();
    }

    /** Versions waiting for the marketplace, oldest in the queue first. */
    List<ListingVersion> queue(int limit) {
        return jdbc.sql("""
                select * from mkt_listing_versions where state in ('submitted', 'automated_checks', 'human_review', 'appealed')
                order by queued_at, id limit :limit""").param("limit", limit).query(this::mapVersion).list();
    }

    /** 1 for the oldest waiting version; how many wait before this one, plus one. */
    int queuePosition(ListingVersion v) {
        Integer ahead = jdbc.sql("""
                select count(*) from mkt_listing_versions where state in ('submitted', 'automated_checks', 'human_review', 'appealed')
                  and (queued_at < :at or (queued_at = :at and id < :id))""")
                .param("at", Sql.at(v.queuedAt())).param("id", v.id()).query(Integer.class).single();
        return ahead + 1;
    }

    void markPublished(String listingId, String versionId, Instant now) {
        jdbc.sql("""
                update mkt_listings set published_version_id = :v, first_published_at = coalesce(first_published_at, :now), updated_at = :now
                where id = :id""").param("v", versionId).param("now", Sql.at(now)).param("id", listingId).update();
    }

    void suspend(String listingId, String reason, Instant now) {
        jdbc.sql("update mkt_listings set suspended_at = :now, suspension_reason = :reason, updated_at = :now where id = :id")
                .param("now", Sql.at(now)).param("reason", reason).param("id", listingId).update();
    }

    void reinstate(String listingId, Instant now) {
        jdbc.sql("update mkt_listings set suspended_at = null, suspension_reason = null, updated_at = :now where id = :id")
                .param("now", Sql.at(now)).param("id", listingId).update();
    }

    /** Whether a listing of the app is suspended now. */
    boolean appSuspended(String appId) {
        return jdbc.sql("select count(*) from mkt_listings where app_id = :app and suspended_at is not null").param("app", appId)
                .query(Long.class).single() > 0;
    }

    void setApp(String listingId, String appId, Instant now) {
        jdbc.sql("update mkt_listings set app_id = :app, updated_at = :now where id = :id")
                .param("app", appId).param("now", Sql.at(now)).param("id", listingId).update();
    }

    void setTier(String listingId, CertificationTier tier, Instant now) {
        jdbc.sql("update mkt_listings set tier = :tier, tier_changed_at = :now where id = :id")
                .param("tier", tier.wire()).param("now", Sql.at(now)).param("id", listingId).update();
    }

    /** Every live listing with its published version: what the storefront shows. */
    List<Live> live() {
        java.util.Map<String, ListingVersion> versions = new java.util.HashMap<>();
        jdbc.sql("""
                select v.* from mkt_listing_versions v join mkt_listings l on v.id = l.published_version_id
                where l.suspended_at is null""").query(this::mapVersion).list().forEach(v -> versions.put(v.id(), v));
        return jdbc.sql("select * from mkt_listings where suspended_at is null and published_version_id is not null")
                .query(ListingRepository::mapListing).list().stream()
                .filter(l -> versions.containsKey(l.publishedVersionId()))
                .map(l -> new Live(l, versions.get(l.publishedVersionId()))).toList();
    }

    Optional<Live> live(String listingId) {
        return find(listingId).filter(Listing::live)
                .flatMap(l -> version(l.publishedVersionId()).map(v -> new Live(l, v)));
    }

    /** Published names of live listings, for the similarity check. */
    List<ReviewCheck.PublishedName> publishedNames() {
        return jdbc.sql("""
                select l.id, l.partner_id, v.name, l.first_published_at from mkt_listings l
                join mkt_listing_versions v on v.id = l.published_version_id""")
                .query((rs, n) -> new ReviewCheck.PublishedName(rs.getString("id"), rs.getString("partner_id"), rs.getString("name"),
                        Sql.instant(rs, "first_published_at")))
                .list();
    }

    record Live(Listing listing, ListingVersion version) {
    }

    /** A pricing plan as stored (JSON). */
    record StoredPlan(String name, String kind, long amount, String currency) {

        PricingPlan plan() {
            return new PricingPlan(name, PricingPlan.Kind.valueOf(kind), dev.flywheel.platform.Money.of(amount, currency));
        }
    }

    private java.util.Map<String, Object> contentParams(ListingContent c) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("name", c.name());
        p.put("tagline", c.tagline());
        p.put("job", c.job());
        p.put("how", c.howItWorks());
        p.put("setup", c.setup());
        p.put("categories", String.join("\n", c.categories()));
        p.put("keywords", String.join("\n", c.keywords()));
        p.put("screenshots", String.join("\n", c.screenshots()));
        p.put("video", c.demoVideoUrl());
        p.put("pricing", json.writeValueAsString(c.pricing().stream()
                .map(plan -> new StoredPlan(plan.name(), plan.kind().name(), plan.price().amount(), plan.price().currency())).toList()));
        p.put("website", c.websiteUrl());
        p.put("support", c.supportUrl());
        p.put("privacy", c.privacyUrl());
        p.put("terms", c.termsUrl());
        p.put("scopes", String.join("\n", c.requiredScopes()));
        p.put("features", json.writeValueAsString(c.features()));
        p.put("events", String.join("\n", c.eventTypes()));
        p.put("versions", String.join("\n", c.apiVersions()));
        return p;
    }

    private static Listing mapListing(ResultSet rs, int n) throws SQLException {
        return new Listing(rs.getString("id"), rs.getString("partner_id"), rs.getString("slug"), rs.getString("published_version_id"),
                rs.getString("app_id"), Sql.instant(rs, "first_published_at"), Sql.instant(rs, "suspended_at"), rs.getString("suspension_reason"),
                CertificationTier.fromWire(rs.getString("tier")), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private ListingVersion mapVersion(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        ListingContent content = new ListingContent(rs.getString("name"), rs.getString("tagline"), rs.getString("job"),
                rs.getString("how_it_works"), rs.getString("setup"), lines(rs.getString("categories")), lines(rs.getString("keywords")),
                lines(rs.getString("screenshots")), rs.getString("demo_video_url"),
                json.readValue(rs.getString("pricing"), new TypeReference<List<StoredPlan>>() { }).stream().map(StoredPlan::plan).toList(),
                rs.getString("website_url"),
                rs.getString("support_url"), rs.getString("privacy_url"), rs.getString("terms_url"), lines(rs.getString("required_scopes")),
                json.readValue(rs.getString("features"), new TypeReference<List<ListingContent.Feature>>() { }),
                lines(rs.getString("event_types")), lines(rs.getString("api_versions")));
        return new ListingVersion(id, rs.getString("listing_id"), rs.getInt("version_number"), SubmissionState.fromWire(rs.getString("state")),
                content, lines(rs.getString("reasons")), rs.getString("appeal"), Sql.instant(rs, "submitted_at"), Sql.instant(rs, "queued_at"),
                Sql.instant(rs, "decided_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
