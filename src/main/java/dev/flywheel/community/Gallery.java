package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Reading the gallery: ranked listings, a template with its lineage, contributor profiles. */
@Service
class Gallery {

    /** A template as shown: with its figures, the names of its author and category, and its price (null when free). */
    record TemplateView(Template template, long activeUses, long copiesTaken, String authorName, String categoryName, Money price) {

        public boolean paid() {
            return price != null;
        }
    }

    /** Where a template came from (oldest first) and what was made from it. */
    record Lineage(List<Template> ancestors, List<Template> remixes) {
    }

    /** A contributor's public profile. */
    record Profile(String organizationId, String name, String kind, List<TemplateRepository.Ranked> templates, long activeUses,
            List<Badges.Badge> badges) {
    }

    private final TemplateRepository templates;
    private final CopyRepository copies;
    private final PurchaseRepository purchases;
    private final Organizations organizations;
    private final CommunityProperties properties;
    private final Clock clock;

    Gallery(TemplateRepository templates, CopyRepository copies, PurchaseRepository purchases, Organizations organizations,
            CommunityProperties properties, Clock clock) {
        this.templates = templates;
        this.purchases = purchases;
        this.copies = copies;
        this.organizations = organizations;
        this.properties = properties;
        this.clock = clock;
    }

    /** Published templates for everyone; unpublished ones only for their author's organization and the owner. */
    Template requireReadable(String id, Optional<Caller> caller) {
        return templates.find(id)
                .filter(t -> t.listed() || caller.map(c -> c.isOwner() || c.organizationId().equals(t.authorOrgId())).orElse(false))
                .orElseThrow(() -> ApiException.notFound("template", id));
    }

    TemplateView view(Template t) {
        return new TemplateView(t, copies.activeUses(t.id(), clock.instant()), copies.copiesTaken(t.id()), authorName(t.authorOrgId()),
                categoryNames().getOrDefault(t.category(), t.category()), purchases.price(t.id()).orElse(null));
    }

    List<TemplateRepository.Ranked> ranked(List<String> categories, TemplateFormat format, String search, int offset, int limit) {
        return templates.ranked(categories, format, search, clock.instant(), offset, limit);
    }

    long count(List<String> categories, TemplateFormat format, String search) {
        return templates.countListed(categories, format, search, false);
    }

    /** Free templates only: what may be handed out without a purchase (the n8n library). */
    List<TemplateRepository.Ranked> rankedFree(List<String> categories, TemplateFormat format, String search, int offset, int limit) {
        return templates.ranked(categories, format, search, clock.instant(), offset, limit, true);
    }

    long countFree(List<String> categories, TemplateFormat format, String search) {
        return templates.countListed(categories, format, search, true);
    }

    Lineage lineage(Template t) {
        List<Template> ancestors = new ArrayList<>();
        String parent = t.remixedFrom();
        // Remix chains are short; the bound only guards against a corrupted cycle.
        while (parent != null && ancestors.size() < 50) {
            Optional<Template> p = templates.find(parent);
            if (p.isEmpty()) {
                break;
            }
            ancestors.add(0, p.get());
            parent = p.get().remixedFrom();
        }
        return new Lineage(ancestors, templates.remixesOf(t.id()));
    }

    Profile profile(String organizationId) {
        Organization org = organizations.find(organizationId).orElseThrow(() -> ApiException.notFound("contributor", organizationId));
        Instant now = clock.instant();
        List<Template> all = templates.byAuthor(organizationId);
        List<TemplateRepository.Ranked> listed = all.stream().filter(Template::listed)
                .map(t -> new TemplateRepository.Ranked(t, copies.activeUses(t.id(), now))).toList();
        if (listed.isEmpty()) {
            throw ApiException.notFound("contributor", organizationId);
        }
        long activeUses = copies.activeUsesOfAuthor(organizationId, now);
        long featured = listed.stream().filter(r -> r.template().featuredRank() != null).count();
        Badges.Stats stats = new Badges.Stats(listed.size(), activeUses, featured, monthsAsTopContributor(organizationId, 12));
        return new Profile(org.id(), org.name(), org.kind().name().toLowerCase(java.util.Locale.ROOT), listed, activeUses,
                Badges.earned(stats, properties.activeUsesBadge()));
    }

    /** The completed months (of the last {@code months}) in which this organization gained the most active uses. */
    List<YearMonth> monthsAsTopContributor(String organizationId, int months) {
        YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        List<YearMonth> won = new ArrayList<>();
        for (int i = months; i >= 1; i--) {
            YearMonth month = current.minusMonths(i);
            Optional<CopyRepository.ContributorUses> top = topContributor(month);
            if (top.isPresent() && top.get().authorOrgId().equals(organizationId)) {
                won.add(month);
            }
        }
        return won;
    }

    Optional<CopyRepository.ContributorUses> topContributor(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return copies.topContributors(from, to, 1).stream().findFirst();
    }

    /** Prices of the templates of a list, by template id; free templates are absent. */
    Map<String, Money> prices(List<TemplateRepository.Ranked> ranked) {
        return purchases.prices(ranked.stream().map(r -> r.template().id()).toList());
    }

    Map<String, String> categoryNames() {
        return templates.categories().stream().collect(Collectors.toMap(TemplateRepository.Category::slug, TemplateRepository.Category::name));
    }

    String authorName(String organizationId) {
        return organizations.find(organizationId).map(Organization::name).orElse("Unknown contributor");
    }
}
