package dev.flywheel.community;

import dev.flywheel.platform.web.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a template stands in the gallery. The allowed moves are listed here, in one place; any
 * other move is refused with a message that says why.
 */
enum ListingState {
    /** Its first version waits for a moderator; nobody but its author and the owner sees it. */
    IN_REVIEW,
    /** A moderator asked for changes before it can be published; a new version goes back to review. */
    CHANGES_REQUESTED,
    /** A moderator refused it; a new version may still be submitted. */
    REJECTED,
    /** Listed in the gallery (a later version may be in review meanwhile; the published one stays listed). */
    PUBLISHED,
    /** Taken down after an abuse report; the owner may restore it. */
    HIDDEN;

    private static final Map<ListingState, Set<ListingState>> ALLOWED = Map.of(
            IN_REVIEW, Set.of(PUBLISHED, CHANGES_REQUESTED, REJECTED),
            CHANGES_REQUESTED, Set.of(IN_REVIEW),
            REJECTED, Set.of(IN_REVIEW),
            PUBLISHED, Set.of(PUBLISHED, HIDDEN),
            HIDDEN, Set.of(PUBLISHED));

    boolean canMoveTo(ListingState next) {
        return ALLOWED.get(this).contains(next);
    }

    ListingState moveTo(ListingState next) {
        if (!canMoveTo(next)) {
            throw ApiException.conflict("A template that is " + wire().replace('_', ' ') + " cannot become " + next.wire().replace('_', ' ') + ".");
        }
        return next;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
