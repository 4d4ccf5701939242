package dev.flywheel.marketplace;

import static dev.flywheel.marketplace.SubmissionState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmissionStateTest {

    @Test
    void theHappyPathRunsFromDraftToPublished() {
        SubmissionState s = DRAFT.moveTo(SUBMITTED).moveTo(AUTOMATED_CHECKS).moveTo(HUMAN_REVIEW).moveTo(PUBLISHED);
        assertThat(s).isEqualTo(PUBLISHED);
        assertThat(PUBLISHED.moveTo(SUPERSEDED)).isEqualTo(SUPERSEDED);
    }

    @Test
    void rejectedVersionsAreResubmittedOrAppealed() {
        assertThat(AUTOMATED_CHECKS.canMoveTo(REJECTED)).isTrue();
        assertThat(HUMAN_REVIEW.canMoveTo(REJECTED)).isTrue();
        assertThat(REJECTED.next()).containsExactlyInAnyOrder(SUBMITTED, APPEALED);
        assertThat(APPEALED.next()).containsExactlyInAnyOrder(PUBLISHED, REJECTED);
    }

    @Test
    void everyOtherMoveIsRefusedWithWhatIsPossibleInstead() {
        Set<String> allowed = Set.of("DRAFT>SUBMITTED", "SUBMITTED>AUTOMATED_CHECKS", "AUTOMATED_CHECKS>HUMAN_REVIEW", "AUTOMATED_CHECKS>REJECTED",
                "HUMAN_REVIEW>PUBLISHED", "HUMAN_REVIEW>REJECTED", "PUBLISHED>SUPERSEDED", "REJECTED>SUBMITTED", "REJECTED>APPEALED",
                "APPEALED>PUBLISHED", "APPEALED>REJECTED");
        for (SubmissionState from : values()) {
            for (SubmissionState to : values()) {
                assertThat(from.canMoveTo(to)).as(from + ">" + to).isEqualTo(allowed.contains(from + ">" + to));
            }
        }
        assertThatThrownBy(() -> DRAFT.moveTo(PUBLISHED)).isInstanceOf(SubmissionState.IllegalTransition.class)
                .hasMessageContaining("draft cannot become published").hasMessageContaining("only become submitted");
        assertThatThrownBy(() -> SUPERSEDED.moveTo(PUBLISHED)).hasMessageContaining("it is final");
    }

    @Test
    void onlyDraftsAndRejectionsAreEditableAndOnlyWaitingVersionsAreQueued() {
        assertThat(EnumSet.allOf(SubmissionState.class).stream().filter(SubmissionState::editable)).containsExactlyInAnyOrder(DRAFT, REJECTED);
        assertThat(EnumSet.allOf(SubmissionState.class).stream().filter(SubmissionState::queued))
                .containsExactlyInAnyOrder(SUBMITTED, AUTOMATED_CHECKS, HUMAN_REVIEW, APPEALED);
    }
}
