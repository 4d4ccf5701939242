package dev.flywheel.playbook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Runs every health rule that exists against live data and assembles the advice. */
@Service
class HealthAdvisor {

    private static final Logger log = LoggerFactory.getLogger(HealthAdvisor.class);

    private final List<HealthRule> rules;
    private final Clock clock;

    HealthAdvisor(List<HealthRule> rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    List<HealthAdvice.Entry> advise() {
        Instant now = clock.instant();
        Map<Stall, List<HealthRule.Finding>> findings = new EnumMap<>(Stall.class);
        for (HealthRule rule : rules) {
            HealthRule.Finding f;
            try {
                f = rule.check(now);
            } catch (RuntimeException e) {
                // One module's failure must not hide the other rules' advice; say so where the rule's result would be.
                log.warn("Health rule for {} failed", rule.stall(), e);
                f = new HealthRule.Finding("The check could not run.", List.of(new HealthRule.Warning(HealthRule.Severity.WARNING,
                        "this check", "It failed with " + e.getClass().getSimpleName() + ".", "Look at the server log for the cause.")));
            }
            findings.computeIfAbsent(rule.stall(), s -> new ArrayList<>()).add(f);
        }
        return HealthAdvice.assemble(findings);
    }
}
