package dev.flywheel.platform.pipeline;

import dev.flywheel.platform.Mode;
import java.time.Instant;
import java.util.List;

/**
 * The partner program's deal-registration pipeline, for modules that report on it. The partners
 * module provides it (its {@code PartnerActivity}); readers such as insights depend only on this
 * contract, since the partners module itself depends, through the marketplace, on insights.
 */
public interface PartnerPipelineSource {

    /**
     * Deal registrations created in a period, grouped by their status today and their currency.
     *
     * @param status submitted, approved, rejected, won, lost or expired
     * @param estimatedAmount sum of the partners' estimates, minor units of {@code currency}
     * @param wonAmount sum of the amounts the won ones closed at (0 for other statuses)
     */
    record Line(String status, String currency, long registrations, long estimatedAmount, long wonAmount) {

        /** Submitted or approved: still open, so its estimate is partner-sourced pipeline. */
        public boolean open() {
            return "submitted".equals(status) || "approved".equals(status);
        }
    }

    /** Registrations created in {@code [from, to)} in the given mode (amounts in different currencies are never added together). */
    List<Line> pipeline(Mode mode, Instant from, Instant to);
}
