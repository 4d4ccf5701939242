package dev.flywheel.community;

import dev.flywheel.platform.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** The community module's facade for other modules: figures about the gallery, computed from its data. */
@Service
public class Community {

    /**
     * The gallery at a glance.
     *
     * @param publishedTemplates templates listed in the gallery
     * @param pendingVersions submitted versions waiting for a moderator
     * @param oldestPendingSince when the oldest waiting version was submitted, or null
     * @param openReports abuse reports not yet resolved
     * @param copiesTaken copies of templates registered as taken (raw clones through the API)
     * @param activeUses copies still in use after the retention period
     */
    public record Figures(long publishedTemplates, long pendingVersions, Instant oldestPendingSince, long openReports, long copiesTaken,
            long activeUses) {
    }

    /** A published template and its use, for maps and reports. */
    public record TemplateUse(String id, String title, List<String> apps, long activeUses) {
    }

    /**
     * The moderation queue and how recent decisions went, for spotting a backlog of low-quality submissions.
     *
     * @param pending versions waiting for a moderator
     * @param pendingWithRedactions waiting versions from which secrets had to be redacted
     * @param waitingLongerThan waiting versions submitted before the cut-off asked for
     * @param oldestPendingSince when the oldest waiting version was submitted, or null
     * @param approved versions approved since the start of the window asked for
     * @param rejected versions rejected in that window
     * @param changesRequested versions sent back for changes in that window
     */
    public record ModerationBacklog(long pending, long pendingWithRedactions, long waitingLongerThan, Instant oldestPendingSince,
            long approved, long rejected, long changesRequested) {
    }

    /** A published template nobody keeps using: no copy still in use after the retention period. */
    public record IdleTemplate(String id, String title, Instant publishedAt, long copiesTaken) {
    }

    /**
     * Published templates old enough to have been used, and those of them with no active use.
     *
     * @param published templates published before the cut-off
     * @param idle how many of those have no active use
     * @param examples the longest-idle ones, at most the limit asked for
     */
    public record IdleTemplates(long published, long idle, List<IdleTemplate> examples) {
    }

    /**
     * What a paid template sold (refunded purchases left out), for maps and reports.
     *
     * @param gmv what buyers paid
     * @param contributorShare what its contributor earned
     * @param ownerFee what the owner kept
     */
    public record TemplateRevenue(String id, String title, List<String> apps, long sales, Money gmv, Money contributorShare, Money ownerFee) {
    }

    private final TemplateRepository templates;
    private final CopyRepository copies;
    private final ModerationRepository moderation;
    private final PurchaseRepository purchases;
    private final Clock clock;

    Community(TemplateRepository templates, CopyRepository copies, ModerationRepository moderation, PurchaseRepository purchases, Clock clock) {
        this.templates = templates;
        this.purchases = purchases;
        this.copies = copies;
        this.moderation = moderation;
        this.clock = clock;
    }

    public Figures figures() {
        Instant now = clock.instant();
        TemplateRepository.QueueStats queue = templates.queueStats();
        return new Figures(templates.countByState(ListingState.PUBLISHED), queue.pending(), queue.oldestSubmittedAt(),
                moderation.openReports(), copies.copiesTotal(), copies.activeUsesTotal(now));
    }

    /**
     * The moderation backlog as of now: versions waiting longer than {@code waitLimit}, and the
     * decisions taken within the last {@code decisionWindow}.
     */
    public ModerationBacklog moderationBacklog(Duration waitLimit, Duration decisionWindow) {
        Instant now = clock.instant();
        return templates.backlog(now.minus(waitLimit), now.minus(decisionWindow));
    }

    /** Templates published more than {@code publishedFor} ago that have no active use, longest published first. */
    public IdleTemplates idleTemplates(Duration publishedFor, int limit) {
        Instant now = clock.instant();
        return templates.idle(now.minus(publishedFor), now, Math.max(1, Math.min(limit, 100)));
    }

    /** The most used published templates (featured first), at most {@code limit}. */
    public List<TemplateUse> topTemplates(int limit) {
        return templates.ranked(List.of(), null, null, clock.instant(), 0, Math.max(1, Math.min(limit, 100))).stream()
                .map(r -> new TemplateUse(r.template().id(), r.template().title(), r.template().apps(), r.activeUses())).toList();
    }

    /** The paid templates that sold the most (by GMV, per currency), at most {@code limit}. */
    public List<TemplateRevenue> templateRevenue(int limit) {
        return purchases.salesByTemplate(Math.max(1, Math.min(limit, 100))).stream()
                .flatMap(s -> templates.find(s.templateId()).stream().map(t -> new TemplateRevenue(t.id(), t.title(), t.apps(), s.sales(),
                        Money.of(s.gmv(), s.currency()), Money.of(s.contributorShare(), s.currency()), Money.of(s.fees(), s.currency()))))
                .toList();
    }
}
