package dev.flywheel.community;

import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Templates and their versions, in plain SQL. */
@Repository
class TemplateRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SecretScanner.Finding>> FINDINGS = new TypeReference<>() {
    };

    /** A category of the gallery. */
    record Category(String slug, long catalogNumber, String name) {
    }

    /** A template waiting in the moderation queue, with its pending version. */
    record QueueItem(Template template, TemplateVersion version) {
    }

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- categories

    List<Category> categories() {
        return jdbc.sql("select slug, catalog_number, name from community_categories order by name")
                .query((rs, n) -> new Category(rs.getString("slug"), rs.getLong("catalog_number"), rs.getString("name"))).list();
    }

    // ---- templates

    void insert(Template t) {
        jdbc.sql("""
                insert into community_templates (id, author_org_id, author_actor, title, description, category_slug, template_format, apps,
                  scopes, remixed_from, remixed_from_version, latest_version, published_version, state, featured_rank, created_at, updated_at,
                  published_at)
                values (:id, :org, :actor, :title, :description, :category, :format, :apps, :scopes, :remixedFrom, :remixedFromVersion,
                  :latest, :published, :state, :featured, :created, :updated, :publishedAt)""")
                .param("id", t.id()).param("org", t.authorOrgId()).param("actor", t.authorActor()).param("title", t.title())
                .param("description", t.description()).param("category", t.category()).param("format", t.format().name())
                .param("apps", String.join("\n", t.apps())).param("scopes", String.join("\n", t.scopes()))
                .param("remixedFrom", t.remixedFrom()).param("remixedFromVersion", t.remixedFromVersion())
                .param("latest", t.latestVersion()).param("published", t.publishedVersion()).param("state", t.state().name())
                .param("featured", t.featuredRank()).param("created", Sql.at(t.createdAt())).param("updated", Sql.at(t.updatedAt()))
                .param("publishedAt", t.publishedAt() == null ? null : Sql.at(t.publishedAt()))
                .update();
    }

    void insertVersion(TemplateVersion v) {
        jdbc.sql("""
                insert into community_template_versions (id, template_id, version, payload, redactions, change_note, review_state, submitted_at)
                values (:id, :template, :version, :payload, :redactions, :note, :state, :at)""")
                .param("id", v.id()).param("template", v.templateId()).param("version", v.version()).param("payload", v.payload())
                .param("redactions", JSON.writeValueAsString(v.redactions())).param("note", v.changeNote())
                .param("state", v.reviewState().name()).param("at", Sql.at(v.submittedAt()))
                .update();
    }

    Optional<Template> find(String id) {
        return jdbc.sql("select * from community_templates where id = :id").param("id", id).query(TemplateRepository::template).optional();
    }

    Optional<Template> findByNumber(long number) {
        return jdbc.sql("select * from community_templates where catalog_number = :n").param("n", number)
                .query(TemplateRepository::template).optional();
    }

    /** Only moves a template on when it is still in the state the caller read (no lost updates). */
    boolean changeState(String id, ListingState from, ListingState to, Integer publishedVersion, Instant now) {
        return jdbc.sql("""
                update community_templates set state = :to, published_version = :published, updated_at = :now,
                  published_at = case when :to = 'PUBLISHED' and published_at is null then :now else published_at end
                where id = :id and state = :from""")
                .param("id", id).param("from", from.name()).param("to", to.name()).param("published", publishedVersion)
                .param("now", Sql.at(now)).update() == 1;
    }

    boolean newVersion(String id, int expectedLatest, ListingState state, String title, String description, Instant now) {
        return jdbc.sql("""
                update community_templates set latest_version = :next, state = :state, title = :title, description = :description,
                  updated_at = :now where id = :id and latest_version = :expected""")
                .param("id", id).param("expected", expectedLatest).param("next", expectedLatest + 1).param("state", state.name())
                .param("title", title).param("description", description).param("now", Sql.at(now)).update() == 1;
    }

    void feature(String id, Integer rank, Instant now) {
        jdbc.sql("update community_templates set featured_rank = :rank, updated_at = :now where id = :id")
                .param("id", id).param("rank", rank).param("now", Sql.at(now)).update();
    }

    void countView(String id) {
        jdbc.sql("update community_templates set view_count = view_count + 1 where id = :id").param("id", id).update();
    }

    void countClone(String id) {
        jdbc.sql("update community_templates set clone_count = clone_count + 1 where id = :id").param("id", id).update();
    }

    /** Listed templates, newest first, cursor-paged; optionally one category, one format and a search over title and description. */
    CursorPage<Template> listed(String category, TemplateFormat format, String search, PageQuery query) {
        List<Template> rows = jdbc.sql("""
                select * from community_templates where state = 'PUBLISHED'
                  and (cast(:category as varchar) is null or category_slug = :category)
                  and (cast(:format as varchar) is null or template_format = :format)
                  and (cast(:search as varchar) is null or lower(title) like :search or lower(description) like :search)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("category", blankToNull(category)).param("format", format == null ? null : format.name())
                .param("search", like(search)).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(TemplateRepository::template).list();
        return CursorPage.of(rows, query, Template::id);
    }

    /**
     * Listed templates ordered for the gallery: featured first (by the owner's rank), then by
     * active uses, then newest. Offset-paged because the order is a ranking, not an id.
     */
    List<Ranked> ranked(List<String> categories, TemplateFormat format, String search, Instant now, int offset, int limit) {
        return ranked(categories, format, search, now, offset, limit, false);
    }

    /** As {@link #ranked(List, TemplateFormat, String, Instant, int, int)}; {@code freeOnly} leaves out templates with a price. */
    List<Ranked> ranked(List<String> categories, TemplateFormat format, String search, Instant now, int offset, int limit, boolean freeOnly) {
        return jdbc.sql("""
                select t.*, coalesce(u.active, 0) as active_uses from community_templates t
                left join (select template_id, count(*) as active from community_copies
                           where retention_due_at <= :now and last_seen_at >= retention_due_at
                             and (removed_at is null or removed_at >= retention_due_at)
                           group by template_id) u on u.template_id = t.id
                where t.state = 'PUBLISHED'
                  and (:allCategories or t.category_slug in (:categories))
                  and (cast(:format as varchar) is null or t.template_format = :format)
                  and (cast(:search as varchar) is null or lower(t.title) like :search or lower(t.description) like :search)
                  and (:paidToo or not exists (select 1 from community_template_prices p where p.template_id = t.id))
                order by case when t.featured_rank is null then 1 else 0 end, t.featured_rank, active_uses desc, t.id desc
                limit :limit offset :offset""")
                .param("now", Sql.at(now)).param("allCategories", categories.isEmpty())
                .param("categories", categories.isEmpty() ? List.of("") : categories)
                .param("format", format == null ? null : format.name()).param("search", like(search))
                .param("limit", limit).param("offset", offset).param("paidToo", !freeOnly)
                .query((rs, n) -> new Ranked(template(rs, n), rs.getLong("active_uses"))).list();
    }

    long countListed(List<String> categories, TemplateFormat format, String search, boolean freeOnly) {
        return jdbc.sql("""
                select count(*) from community_templates t where t.state = 'PUBLISHED'
                  and (:allCategories or t.category_slug in (:categories))
                  and (cast(:format as varchar) is null or t.template_format = :format)
                  and (cast(:search as varchar) is null or lower(t.title) like :search or lower(t.description) like :search)
                  and (:paidToo or not exists (select 1 from community_template_prices p where p.template_id = t.id))""")
                .param("allCategories", categories.isEmpty()).param("categories", categories.isEmpty() ? List.of("") : categories)
                .param("format", format == null ? null : format.name()).param("search", like(search)).param("paidToo", !freeOnly)
                .query(Long.class).single();
    }

    /** Listed templates per category (for facets and the gallery's category list). */
    Map<String, Long> listedPerCategory(TemplateFormat format) {
        return listedPerCategory(format, false);
    }

    Map<String, Long> listedPerCategory(TemplateFormat format, boolean freeOnly) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.sql("""
                select category_slug, count(*) as n from community_templates t where state = 'PUBLISHED'
                  and (cast(:format as varchar) is null or template_format = :format)
                  and (:paidToo or not exists (select 1 from community_template_prices p where p.template_id = t.id))
                group by category_slug""")
                .param("format", format == null ? null : format.name()).param("paidToo", !freeOnly)
                .query(rs -> {
                    out.put(rs.getString("category_slug"), rs.getLong("n"));
                });
        return out;
    }

    /** A template with its number of active uses. */
    record Ranked(Template template, long activeUses) {
    }

    List<Template> byAuthor(String orgId) {
        return jdbc.sql("select * from community_templates where author_org_id = :org order by id desc limit 200")
                .param("org", orgId).query(TemplateRepository::template).list();
    }

    List<Template> remixesOf(String id) {
        return jdbc.sql("select * from community_templates where remixed_from = :id and state = 'PUBLISHED' order by id desc limit 100")
                .param("id", id).query(TemplateRepository::template).list();
    }

    long countByState(ListingState state) {
        return jdbc.sql("select count(*) from community_templates where state = :s").param("s", state.name()).query(Long.class).single();
    }

    // ---- versions

    List<TemplateVersion> versions(String templateId) {
        return jdbc.sql("select * from community_template_versions where template_id = :id order by version desc")
                .param("id", templateId).query(TemplateRepository::version).list();
    }

    Optional<TemplateVersion> version(String templateId, int version) {
        return jdbc.sql("select * from community_template_versions where template_id = :id and version = :v")
                .param("id", templateId).param("v", version).query(TemplateRepository::version).optional();
    }

    Optional<TemplateVersion> findVersion(String versionId) {
        return jdbc.sql("select * from community_template_versions where id = :id").param("id", versionId)
                .query(TemplateRepository::version).optional();
    }

    /** Records a decision only if the version is still pending; false when someone decided first. */
    boolean decide(String versionId, ReviewState decision, String reason, String by, Instant at) {
        return jdbc.sql("""
                update community_template_versions set review_state = :state, review_reason = :reason, reviewed_by = :by, reviewed_at = :at
                where id = :id and review_state = 'PENDING'""")
                .param("id", versionId).param("state", decision.name()).param("reason", reason).param("by", by).param("at", Sql.at(at))
                .update() == 1;
    }

    /** Pending versions, oldest first (the queue is worked in the order things arrived), cursor-paged by version id. */
    List<QueueItem> queue(String after, int limit) {
        return jdbc.sql("""
                select v.*, t.id as t_id from community_template_versions v join community_templates t on t.id = v.template_id
                where v.review_state = 'PENDING' and (cast(:after as varchar) is null or v.id > :after)
                order by v.id limit :limit""")
                .param("after", after).param("limit", limit)
                .query((rs, n) -> new QueueItem(find(rs.getString("t_id")).orElseThrow(), version(rs, n))).list();
    }

    /** How many versions wait for review, and since when the oldest has waited. */
    record QueueStats(long pending, Instant oldestSubmittedAt) {
    }

    QueueStats queueStats() {
        return jdbc.sql("select count(*) as n, min(submitted_at) as oldest from community_template_versions where review_state = 'PENDING'")
                .query((rs, n) -> new QueueStats(rs.getLong("n"), Sql.instant(rs, "oldest"))).single();
    }

    Community.ModerationBacklog backlog(Instant waitingSince, Instant decidedSince) {
        return jdbc.sql("""
                select
                  (select count(*) from community_template_versions where review_state = 'PENDING') as pending,
                  (select count(*) from community_template_versions where review_state = 'PENDING' and redactions <> '[]') as redacted,
                  (select count(*) from community_template_versions where review_state = 'PENDING' and submitted_at < :waiting) as waiting,
                  (select min(submitted_at) from community_template_versions where review_state = 'PENDING') as oldest,
                  (select count(*) from community_template_versions where review_state = 'APPROVED' and reviewed_at >= :decided) as approved,
                  (select count(*) from community_template_versions where review_state = 'REJECTED' and reviewed_at >= :decided) as rejected,
                  (select count(*) from community_template_versions where review_state = 'CHANGES_REQUESTED' and reviewed_at >= :decided)
                    as changes""")
                .param("waiting", Sql.at(waitingSince)).param("decided", Sql.at(decidedSince))
                .query((rs, n) -> new Community.ModerationBacklog(rs.getLong("pending"), rs.getLong("redacted"), rs.getLong("waiting"),
                        Sql.instant(rs, "oldest"), rs.getLong("approved"), rs.getLong("rejected"), rs.getLong("changes")))
                .single();
    }

    /** Published templates (published before {@code publishedBefore}) without a copy that counts as an active use at {@code now}. */
    Community.IdleTemplates idle(Instant publishedBefore, Instant now, int limit) {
        String idle = """
                from community_templates t where t.state = 'PUBLISHED' and t.published_at < :before
                  and not exists (select 1 from community_copies c where c.template_id = t.id and c.retention_due_at <= :now
                    and c.last_seen_at >= c.retention_due_at and (c.removed_at is null or c.removed_at >= c.retention_due_at))""";
        long published = jdbc.sql("select count(*) from community_templates where state = 'PUBLISHED' and published_at < :before")
                .param("before", Sql.at(publishedBefore)).query(Long.class).single();
        long count = jdbc.sql("select count(*) " + idle).param("before", Sql.at(publishedBefore)).param("now", Sql.at(now))
                .query(Long.class).single();
        List<Community.IdleTemplate> examples = jdbc.sql("select t.id, t.title, t.published_at, "
                        + "(select count(*) from community_copies c where c.template_id = t.id) as taken " + idle
                        + " order by t.published_at, t.id limit :limit")
                .param("before", Sql.at(publishedBefore)).param("now", Sql.at(now)).param("limit", limit)
                .query((rs, n) -> new Community.IdleTemplate(rs.getString("id"), rs.getString("title"), Sql.instant(rs, "published_at"),
                        rs.getLong("taken")))
                .list();
        return new Community.IdleTemplates(published, count, examples);
    }

    // ---- mapping

    static Template template(ResultSet rs, int n) throws SQLException {
        int published = rs.getInt("published_version");
        Integer publishedVersion = rs.wasNull() ? null : published;
        int remixVersion = rs.getInt("remixed_from_version");
        Integer remixedFromVersion = rs.wasNull() ? null : remixVersion;
        int rank = rs.getInt("featured_rank");
        Integer featured = rs.wasNull() ? null : rank;
        return new Template(rs.getString("id"), rs.getLong("catalog_number"), rs.getString("author_org_id"), rs.getString("author_actor"),
                rs.getString("title"), rs.getString("description"), rs.getString("category_slug"),
                TemplateFormat.valueOf(rs.getString("template_format")), lines(rs.getString("apps")), lines(rs.getString("scopes")),
                rs.getString("remixed_from"), remixedFromVersion, rs.getInt("latest_version"), publishedVersion,
                ListingState.valueOf(rs.getString("state")), featured, rs.getLong("view_count"), rs.getLong("clone_count"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "published_at"));
    }

    private static TemplateVersion version(ResultSet rs, int n) throws SQLException {
        return new TemplateVersion(rs.getString("id"), rs.getString("template_id"), rs.getInt("version"), rs.getString("payload"),
                JSON.readValue(rs.getString("redactions"), FINDINGS), rs.getString("change_note"),
                ReviewState.valueOf(rs.getString("review_state")), rs.getString("review_reason"), rs.getString("reviewed_by"),
                Sql.instant(rs, "reviewed_at"), Sql.instant(rs, "submitted_at"));
    }

    private static List<String> lines(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split("\n"));
    }

    static String like(String search) {
        if (search == null || search.isBlank()) {
            return null;
        }
        String escaped = search.trim().toLowerCase(java.util.Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "");
        return escaped.isEmpty() ? null : "%" + escaped + "%";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
