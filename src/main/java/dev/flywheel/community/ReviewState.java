package dev.flywheel.community;

import java.util.Locale;

/** A moderator's decision on one submitted version. Only a pending version can be decided, once. */
enum ReviewState {
    PENDING, APPROVED, REJECTED, CHANGES_REQUESTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
