package dev.flywheel.community;

import java.time.Clock;
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

    private final TemplateRepository templates;
    private final CopyRepository copies;
    private final ModerationRepository moderation;
    private final Clock clock;

    Community(TemplateRepository templates, CopyRepository copies, ModerationRepository moderation, Clock clock) {
        this.templates = templates;
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

    /** The most used published templates (featured first), at most {@code limit}. */
    public List<TemplateUse> topTemplates(int limit) {
        return templates.ranked(List.of(), null, null, clock.instant(), 0, Math.max(1, Math.min(limit, 100))).stream()
                .map(r -> new TemplateUse(r.template().id(), r.template().title(), r.template().apps(), r.activeUses())).toList();
    }
}
