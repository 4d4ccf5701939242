package dev.flywheel.playbook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the ecosystem health advisor ({@code flywheel.playbook.*}).
 *
 * @param moderationBacklog waiting template versions at which the queue counts as piling up (default 10)
 * @param moderationWait how long a submission may wait for a moderator before it counts as stuck (default 3 days)
 * @param decisionWindow how far back moderation decisions are looked at for quality (default 30 days)
 * @param lowQualityPercent share of recent decisions that were rejections or change requests at
 *        which submissions count as mostly low quality, in percent (default 50)
 * @param lowQualityMinDecisions fewest recent decisions before the quality share means anything (default 5)
 * @param idleTemplateAfter how long a template must have been published before having no active use is a warning (default 30 days)
 * @param idleTemplatesPercent share of old-enough published templates without active use that
 *        is critical rather than a plain warning, in percent (default 50)
 */
@ConfigurationProperties("flywheel.playbook")
record PlaybookProperties(
        @DefaultValue("10") int moderationBacklog,
        @DefaultValue("3d") Duration moderationWait,
        @DefaultValue("30d") Duration decisionWindow,
        @DefaultValue("50") int lowQualityPercent,
        @DefaultValue("5") int lowQualityMinDecisions,
        @DefaultValue("30d") Duration idleTemplateAfter,
        @DefaultValue("50") int idleTemplatesPercent) {
}
