package dev.flywheel.playbook;

import java.time.Instant;

/**
 * One module's measurement of one launch success criterion, read through that module's public
 * API. A module that lands adds a signal bean and its criterion turns from "not measurable yet"
 * into a live figure; nothing else changes.
 */
interface LaunchSignal {

    LaunchCriterion criterion();

    Measurement measure(Instant now);

    /**
     * @param value the measured count, compared with the criterion's target
     * @param evidence where the figure comes from and what it counts, in a sentence a person can check
     */
    record Measurement(long value, String evidence) {
    }
}
