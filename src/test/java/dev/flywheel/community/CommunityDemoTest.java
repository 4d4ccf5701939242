package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoGenerator;
import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("database")
class CommunityDemoTest extends IntegrationTest {

    @Autowired
    DemoGenerator demo;

    @Autowired
    Community community;

    @Test
    void theDemoFillsTheGalleryWithTemplatesCopiesAndAModerationQueue() {
        Community.Figures before = community.figures();
        Community.ModerationBacklog queueBefore = community.moderationBacklog(Duration.ofDays(3), Duration.ofDays(30));
        Community.IdleTemplates idleBefore = community.idleTemplates(Duration.ofDays(30), 100);

        demo.generate(new DemoSize(30, 2, 1, 11));

        Community.Figures after = community.figures();
        assertThat(after.publishedTemplates()).as("eight from the catalog and a remix").isEqualTo(before.publishedTemplates() + 9);
        assertThat(after.pendingVersions()).isEqualTo(before.pendingVersions() + 2);
        assertThat(after.openReports()).isEqualTo(before.openReports() + 1);
        assertThat(after.copiesTaken()).isGreaterThan(before.copiesTaken());
        assertThat(after.activeUses()).as("most copies were kept past the retention period").isGreaterThan(before.activeUses());

        Community.ModerationBacklog queue = community.moderationBacklog(Duration.ofDays(3), Duration.ofDays(30));
        assertThat(queue.pendingWithRedactions()).isEqualTo(queueBefore.pendingWithRedactions() + 1);
        assertThat(queue.waitingLongerThan()).as("the Intercom template has waited four days").isEqualTo(queueBefore.waitingLongerThan() + 1);
        assertThat(queue.rejected()).isEqualTo(queueBefore.rejected() + 1);
        assertThat(queue.changesRequested()).isEqualTo(queueBefore.changesRequested() + 1);
        assertThat(community.idleTemplates(Duration.ofDays(30), 100).published()).isGreaterThan(idleBefore.published());

        // The demo's n8n workflows import like any other: n8n's template API serves them with their nodes.
        JsonNode found = api().get("/n8n/templates/search?search=Zendesk&rows=50").json();
        JsonNode first = found.get("workflows").get(0);
        JsonNode workflow = api().get("/n8n/templates/workflows/" + first.get("id").asLong()).json();
        assertThat(workflow.toString()).contains("n8n-nodes-base.zendeskTrigger");
    }
}
