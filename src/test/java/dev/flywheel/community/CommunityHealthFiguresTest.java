package dev.flywheel.community;

import static dev.flywheel.community.CommunityFixtures.publish;
import static dev.flywheel.community.CommunityFixtures.submission;
import static dev.flywheel.community.CommunityFixtures.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The figures the ecosystem health advisor reads through the community facade. */
@Tag("database")
class CommunityHealthFiguresTest extends IntegrationTest {

    private static final Duration NONE = Duration.ZERO;
    private static final Duration MONTH = Duration.ofDays(30);

    @Autowired
    Community community;

    @Test
    void theBacklogCountsWaitingVersionsAndRecentDecisions() {
        Api owner = api().as(OWNER_KEY);
        Community.ModerationBacklog before = community.moderationBacklog(NONE, MONTH);

        String title = unique("Waiting");
        assertThat(owner.post("/api/v1/community/templates", submission(title, workflow("x")).toString()).status()).isEqualTo(201);
        Community.ModerationBacklog waiting = community.moderationBacklog(NONE, MONTH);
        assertThat(waiting.pending()).isEqualTo(before.pending() + 1);
        assertThat(waiting.waitingLongerThan()).as("waited longer than zero").isEqualTo(before.waitingLongerThan() + 1);
        assertThat(community.moderationBacklog(Duration.ofDays(3), MONTH).waitingLongerThan())
                .as("nothing just submitted has waited three days").isLessThanOrEqualTo(before.waitingLongerThan());
        assertThat(waiting.oldestPendingSince()).isNotNull();

        publish(owner, unique("Approved"), workflow("y"));
        Community.ModerationBacklog after = community.moderationBacklog(NONE, MONTH);
        assertThat(after.approved()).isEqualTo(waiting.approved() + 1);
        assertThat(after.pending()).isEqualTo(waiting.pending());
    }

    @Test
    void aPublishedTemplateWithOnlyAFreshCopyIsIdle() {
        Api owner = api().as(OWNER_KEY);
        Community.IdleTemplates before = community.idleTemplates(NONE, 100);
        String id = publish(owner, unique("Idle"), workflow("z"));
        assertThat(owner.post("/api/v1/community/templates/" + id + "/copies", "{}").status()).isEqualTo(201);

        Community.IdleTemplates after = community.idleTemplates(NONE, 100);
        assertThat(after.published()).isEqualTo(before.published() + 1);
        assertThat(after.idle()).as("a copy only counts once it is still in use after the retention period").isEqualTo(before.idle() + 1);
        assertThat(community.idleTemplates(MONTH, 5).examples()).noneMatch(t -> t.id().equals(id));
        assertThat(after.examples()).hasSizeLessThanOrEqualTo(100);
    }
}
