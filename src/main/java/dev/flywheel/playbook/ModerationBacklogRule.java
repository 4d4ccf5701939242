package dev.flywheel.playbook;

import dev.flywheel.community.Community;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Low-quality templates piling up in moderation: too many submissions waiting (or waiting too
 * long), and most recent decisions being rejections or change requests.
 */
@Component
class ModerationBacklogRule implements HealthRule {

    private final Community community;
    private final PlaybookProperties properties;

    ModerationBacklogRule(Community community, PlaybookProperties properties) {
        this.community = community;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.MODERATION_BACKLOG;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(community.moderationBacklog(properties.moderationWait(), properties.decisionWindow()), properties, now);
    }

    static Finding evaluate(Community.ModerationBacklog b, PlaybookProperties p, Instant now) {
        long decisions = b.approved() + b.rejected() + b.changesRequested();
        String checked = b.pending() + " template version(s) waiting for review"
                + (b.oldestPendingSince() == null ? "" : ", the oldest since " + date(b.oldestPendingSince()))
                + "; in the last " + days(p.decisionWindow()) + " days " + b.approved() + " approved, " + b.rejected() + " rejected, "
                + b.changesRequested() + " sent back for changes.";
        List<Warning> warnings = new ArrayList<>();
        if (b.pending() >= p.moderationBacklog() || b.waitingLongerThan() > 0) {
            boolean critical = b.pending() >= 2L * p.moderationBacklog() || (b.oldestPendingSince() != null
                    && b.oldestPendingSince().isBefore(now.minus(p.moderationWait().multipliedBy(2))));
            warnings.add(new Warning(critical ? Severity.CRITICAL : Severity.WARNING, "The moderation queue",
                    b.pending() + " version(s) wait for review (the limit is " + p.moderationBacklog() + "); " + b.waitingLongerThan()
                            + " have waited longer than " + days(p.moderationWait()) + " days"
                            + (b.oldestPendingSince() == null ? "." : ", the oldest since " + date(b.oldestPendingSince()) + "."),
                    "Work the queue oldest first in Moderation; add a second moderator for busy weeks. Contributors who wait stop contributing."));
        }
        long poor = b.rejected() + b.changesRequested();
        if (decisions >= p.lowQualityMinDecisions() && poor * 100 >= (long) p.lowQualityPercent() * decisions) {
            warnings.add(new Warning(Severity.WARNING, "Submission quality",
                    poor + " of " + decisions + " decisions in the last " + days(p.decisionWindow()) + " days were rejections or change requests"
                            + (b.pendingWithRedactions() > 0 ? "; " + b.pendingWithRedactions() + " waiting version(s) had secrets redacted." : "."),
                    "Publish contribution guidelines and a starter template, feature good examples, and block-list the terms spam keeps using."));
        }
        return new Finding(checked, warnings);
    }

    private static String date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    static long days(Duration d) {
        return d.toDays();
    }
}
