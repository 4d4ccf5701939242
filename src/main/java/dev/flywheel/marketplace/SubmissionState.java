package dev.flywheel.marketplace;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where one version of a listing is in the review pipeline. Every allowed move is in
 * {@link #ALLOWED}; anything else is refused with a message saying what is possible instead.
 *
 * <pre>
 * draft → submitted → automated_checks → human_review → published → superseded
 *                                  ↘            ↘
 *                                   rejected ← ─ ┘  → submitted (resubmitted after edits)
 *                                      ↓
 *                                   appealed → published | rejected
 * </pre>
 */
enum SubmissionState {
    DRAFT, SUBMITTED, AUTOMATED_CHECKS, HUMAN_REVIEW, PUBLISHED, REJECTED, APPEALED, SUPERSEDED;

    private static final Map<SubmissionState, Set<SubmissionState>> ALLOWED = Map.of(
            DRAFT, EnumSet.of(SUBMITTED),
            SUBMITTED, EnumSet.of(AUTOMATED_CHECKS),
            AUTOMATED_CHECKS, EnumSet.of(HUMAN_REVIEW, REJECTED),
            HUMAN_REVIEW, EnumSet.of(PUBLISHED, REJECTED),
            PUBLISHED, EnumSet.of(SUPERSEDED),
            REJECTED, EnumSet.of(SUBMITTED, APPEALED),
            APPEALED, EnumSet.of(PUBLISHED, REJECTED),
            SUPERSEDED, EnumSet.noneOf(SubmissionState.class));

    boolean canMoveTo(SubmissionState next) {
        return ALLOWED.get(this).contains(next);
    }

    Set<SubmissionState> next() {
        return ALLOWED.get(this);
    }

    /** The partner may change the content only before submitting or after a rejection. */
    public boolean editable() {
        return this == DRAFT || this == REJECTED;
    }

    /** Waiting for the marketplace (checks or a person), so it counts in the review queue. */
    public boolean queued() {
        return this == SUBMITTED || this == AUTOMATED_CHECKS || this == HUMAN_REVIEW || this == APPEALED;
    }

    /** Moves on, or explains why this move is not allowed. */
    SubmissionState moveTo(SubmissionState next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransition(this, next);
        }
        return next;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SubmissionState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A move the lifecycle does not allow. */
    static final class IllegalTransition extends RuntimeException {

        final SubmissionState from;
        final SubmissionState to;

        IllegalTransition(SubmissionState from, SubmissionState to) {
            super("A listing version that is " + from.wire().replace('_', ' ') + " cannot become " + to.wire().replace('_', ' ')
                    + (from.next().isEmpty() ? "; it is final." : "; from here it can only become "
                    + String.join(" or ", from.next().stream().map(s -> s.wire().replace('_', ' ')).toList()) + "."));
            this.from = from;
            this.to = to;
        }
    }
}
