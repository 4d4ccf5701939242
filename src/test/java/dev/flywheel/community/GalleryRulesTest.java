package dev.flywheel.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GalleryRulesTest {

    private static final Instant TAKEN = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static TemplateCopy copy(Instant lastSeen, Instant removed) {
        return new TemplateCopy("cpy_x", "tpl_x", 1, "prt_x", null, TAKEN, RetainedUse.dueAt(TAKEN, WEEK), lastSeen, removed);
    }

    @Test
    void aCopyCountsOnlyWhenStillInUseAWeekAfterBeingTaken() {
        Instant due = TAKEN.plus(WEEK);
        assertThat(RetainedUse.isActiveUse(copy(TAKEN, null), due.plusSeconds(3600))).as("taken, never reported again").isFalse();
        assertThat(RetainedUse.isActiveUse(copy(due.minusSeconds(1), null), due.plusSeconds(3600))).as("last seen a second early").isFalse();
        assertThat(RetainedUse.isActiveUse(copy(due, null), due)).as("seen exactly at the mark").isTrue();
        assertThat(RetainedUse.isActiveUse(copy(due.plusSeconds(60), null), due.minusSeconds(1))).as("week not over yet").isFalse();
        assertThat(RetainedUse.isActiveUse(copy(due.plusSeconds(60), due.plus(Duration.ofDays(3))), due.plus(Duration.ofDays(10))))
                .as("removed after the week still counted").isTrue();
        assertThat(RetainedUse.isActiveUse(copy(TAKEN.plus(Duration.ofDays(2)), TAKEN.plus(Duration.ofDays(3))), due.plusSeconds(1)))
                .as("removed within the week").isFalse();
    }

    @Test
    void badgesFollowTheFigures() {
        assertThat(Badges.earned(new Badges.Stats(0, 0, 0, List.of()), 100)).isEmpty();
        assertThat(Badges.earned(new Badges.Stats(1, 99, 0, List.of()), 100)).extracting(Badges.Badge::code).containsExactly("first-template");
        assertThat(Badges.earned(new Badges.Stats(3, 100, 1, List.of(YearMonth.of(2026, 2))), 100)).extracting(Badges.Badge::code)
                .containsExactly("first-template", "active-uses-100", "featured", "top-contributor-2026-02");
    }

    @Test
    void blockListMatchesWholeWordsAndDomainsWithSubdomains() {
        BlockList list = new BlockList(Set.of("casino"), Set.of("spam.example"));
        var payload = JsonMapper.builder().build().readTree("{\"nodes\":[{\"url\":\"https://api.spam.example/x\"},{\"url\":\"https://notspam.example\"}]}");

        assertThat(list.check(Map.of("title", "Casino bonus"), payload)).extracting(BlockList.Hit::path, BlockList.Hit::kind)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("title", "word"),
                        org.assertj.core.groups.Tuple.tuple("$.nodes[0].url", "domain"));
        assertThat(list.check(Map.of("title", "Occasionally casinos"), null)).isEmpty();
    }

    @Test
    void listingStatesOnlyMoveAlongAllowedPaths() {
        assertThat(ListingState.IN_REVIEW.moveTo(ListingState.PUBLISHED)).isEqualTo(ListingState.PUBLISHED);
        assertThat(ListingState.CHANGES_REQUESTED.moveTo(ListingState.IN_REVIEW)).isEqualTo(ListingState.IN_REVIEW);
        assertThat(ListingState.PUBLISHED.moveTo(ListingState.HIDDEN)).isEqualTo(ListingState.HIDDEN);
        assertThatThrownBy(() -> ListingState.REJECTED.moveTo(ListingState.PUBLISHED)).isInstanceOf(ApiException.class)
                .hasMessageContaining("rejected cannot become published");
        assertThatThrownBy(() -> ListingState.HIDDEN.moveTo(ListingState.IN_REVIEW)).isInstanceOf(ApiException.class);
    }

    @Test
    void n8nDisplayNamesAndNodeIdsAreStable() {
        assertThat(N8nTemplateLibrary.displayName("n8n-nodes-base.httpRequest")).isEqualTo("Http Request");
        assertThat(N8nTemplateLibrary.displayName("@n8n/n8n-nodes-langchain.agent")).isEqualTo("Agent");
        assertThat(N8nTemplateLibrary.nodeId("n8n-nodes-base.slack")).isEqualTo(N8nTemplateLibrary.nodeId("n8n-nodes-base.slack")).isPositive();
    }
}
