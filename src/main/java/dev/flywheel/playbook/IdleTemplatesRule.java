package dev.flywheel.playbook;

import dev.flywheel.community.Community;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Templates nobody keeps using: published long enough ago, yet no copy is still in use after the
 * retention period. Taken-but-dropped and never-taken call for different actions.
 */
@Component
class IdleTemplatesRule implements HealthRule {

    static final int EXAMPLES = 5;

    private final Community community;
    private final PlaybookProperties properties;

    IdleTemplatesRule(Community community, PlaybookProperties properties) {
        this.community = community;
        this.properties = properties;
    }

    @Override
    public Stall stall() {
        return Stall.IDLE_TEMPLATES;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(community.idleTemplates(properties.idleTemplateAfter(), EXAMPLES), properties);
    }

    static Finding evaluate(Community.IdleTemplates t, PlaybookProperties p) {
        long days = p.idleTemplateAfter().toDays();
        String checked = t.published() + " template(s) published more than " + days + " days ago; " + t.idle() + " without an active use.";
        if (t.idle() == 0) {
            return Finding.healthy(checked);
        }
        boolean critical = t.idle() * 100 >= (long) p.idleTemplatesPercent() * t.published();
        String examples = t.examples().stream().map(e -> "'" + e.title() + "' (published " + LocalDate.ofInstant(e.publishedAt(), ZoneOffset.UTC)
                + (e.copiesTaken() == 0 ? ", never taken)" : ", " + e.copiesTaken() + " cop" + (e.copiesTaken() == 1 ? "y" : "ies") + " taken, none kept)"))
                .collect(Collectors.joining(", "));
        boolean anyDropped = t.examples().stream().anyMatch(e -> e.copiesTaken() > 0);
        boolean anyUntaken = t.examples().stream().anyMatch(e -> e.copiesTaken() == 0);
        String action = (anyDropped ? "Copies taken but not kept point to a broken or misleading template: ask its author for a fix. " : "")
                + (anyUntaken ? "Never-taken ones need a clearer title and description or a place in a collection. " : "")
                + "Retire what nobody needs so the gallery ranks what works.";
        return new Finding(checked, List.of(new Warning(critical ? Severity.CRITICAL : Severity.WARNING, "The template gallery",
                t.idle() + " of " + t.published() + " template(s) published more than " + days + " days ago have no copy still in use: " + examples
                        + (t.idle() > t.examples().size() ? " and " + (t.idle() - t.examples().size()) + " more." : "."),
                action.trim())));
    }
}
