package dev.flywheel.marketplace;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may review an app: only a verified installer — an account that has it installed now, or
 * uninstalled it no longer than {@code window} ago (an unhappy ex-user's review is the most
 * useful one, but only while the experience is recent).
 */
final class ReviewEligibility {

    private ReviewEligibility() {
    }

    static boolean mayReview(Installation installation, Instant now, Duration window) {
        if (installation == null) {
            return false;
        }
        if (installation.active()) {
            return true;
        }
        return installation.uninstalledAt() != null && !installation.uninstalledAt().isBefore(now.minus(window));
    }

    static boolean validStars(Integer stars) {
        return stars != null && stars >= 1 && stars <= 5;
    }
}
