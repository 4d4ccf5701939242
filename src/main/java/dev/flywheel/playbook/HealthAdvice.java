package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts the rules' findings together: one entry per known stall, warning first (critical before
 * plain warnings), then healthy ones, then the stalls no rule can watch yet. Pure.
 */
final class HealthAdvice {

    enum State {
        WARNING, HEALTHY, NOT_AVAILABLE
    }

    /** One stall with what its rules found; {@code findings} is empty when no rule watches it yet. */
    record Entry(Stall stall, State state, List<HealthRule.Finding> findings) {

        public List<HealthRule.Warning> warnings() {
            return findings.stream().flatMap(f -> f.warnings().stream()).toList();
        }

        public boolean critical() {
            return warnings().stream().anyMatch(w -> w.severity() == HealthRule.Severity.CRITICAL);
        }

        public String needsText() {
            return "not available yet — needs " + stall.needs();
        }
    }

    private HealthAdvice() {
    }

    static List<Entry> assemble(Map<Stall, List<HealthRule.Finding>> findings) {
        List<Entry> entries = new ArrayList<>();
        for (Stall s : Stall.values()) {
            List<HealthRule.Finding> fs = findings.getOrDefault(s, List.of());
            State state = fs.isEmpty() ? State.NOT_AVAILABLE
                    : fs.stream().anyMatch(f -> !f.warnings().isEmpty()) ? State.WARNING : State.HEALTHY;
            entries.add(new Entry(s, state, List.copyOf(fs)));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> e.state().ordinal()).thenComparing(e -> e.critical() ? 0 : 1));
        return entries;
    }

    static long warnings(List<Entry> entries) {
        return entries.stream().mapToLong(e -> e.warnings().size()).sum();
    }
}
