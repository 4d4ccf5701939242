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
 * @param installWindow how far back marketplace installs are looked at for growth resting on a single app (default 30 days)
 * @param singleAppPercent share of those installs going to one app at which growth rests on it, in percent (default 60)
 * @param singleAppMinInstalls fewest installs in the window before the share means anything (default 10)
 * @param reviewReplyWait how long a marketplace review may wait for the developer's reply (default 7 days)
 * @param noAdoptionAfter how long a listing may be published with no install or activation before it warns (default 30 days)
 * @param pillarWindow the recent window compared with the one before it for growth per pillar (default 30 days)
 * @param pillarGrowthPercent rise over the window before at which a pillar counts as growing, in percent (default 10)
 * @param pillarMinActivity fewest measured actions in a window before a pillar's growth means anything (default 10)
 */
@ConfigurationProperties("flywheel.playbook")
record PlaybookProperties(
        @DefaultValue("10") int moderationBacklog,
        @DefaultValue("3d") Duration moderationWait,
        @DefaultValue("30d") Duration decisionWindow,
        @DefaultValue("50") int lowQualityPercent,
        @DefaultValue("5") int lowQualityMinDecisions,
        @DefaultValue("30d") Duration idleTemplateAfter,
        @DefaultValue("50") int idleTemplatesPercent,
        @DefaultValue("30d") Duration installWindow,
        @DefaultValue("60") int singleAppPercent,
        @DefaultValue("10") int singleAppMinInstalls,
        @DefaultValue("7d") Duration reviewReplyWait,
        @DefaultValue("30d") Duration noAdoptionAfter,
        @DefaultValue("30d") Duration pillarWindow,
        @DefaultValue("10") int pillarGrowthPercent,
        @DefaultValue("10") int pillarMinActivity) {
}
