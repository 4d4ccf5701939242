package dev.flywheel.playbook;

import java.time.Instant;
import java.util.List;

/**
 * One rule of the ecosystem health advisor: looks at live data through a module's public API and
 * warns, with the evidence and what to do, when it sees a known way ecosystems stall. Only rules
 * whose module exists are beans, so only they run.
 */
interface HealthRule {

    Stall stall();

    Finding check(Instant now);

    enum Severity {
        WARNING, CRITICAL
    }

    /**
     * @param subject what the warning is about (a partner, an app, the moderation queue)
     * @param evidence the figures behind it
     * @param action what to do about it
     */
    record Warning(Severity severity, String subject, String evidence, String action) {
    }

    /**
     * @param checked what the rule looked at, so a clean result says what was found healthy
     * @param warnings empty when all is well
     */
    record Finding(String checked, List<Warning> warnings) {

        static Finding healthy(String checked) {
            return new Finding(checked, List.of());
        }
    }
}
