package dev.flywheel.playbook;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Orders growth levers by their survey scores: high impact and low effort first, and among
 * those, levers that feed two or more pillars first; warns when everything rests on one pillar.
 * Scores are averages on 1–5; "high impact" is 3 or more, "low effort" 3 or less. Pure.
 */
final class LeverPriority {

    enum Pillar {
        NETWORK_EFFECTS("network effects"), DATA_AMPLIFICATION("data amplification"), CROSS_SELL("cross-sell");

        private final String label;

        Pillar(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    enum Quadrant {
        QUICK_WIN("Quick win"), BIG_BET("Big bet"), FILL_IN("Fill-in"), MONEY_PIT("Money pit");

        private final String label;

        Quadrant(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A lever with its average scores (null when nobody scored it yet). */
    record Scored(String id, String name, Set<Pillar> pillars, Double impact, Double effort, int responses) {

        public boolean scored() {
            return impact != null && effort != null;
        }

        public Quadrant quadrant() {
            boolean high = impact >= 3.0;
            boolean low = effort <= 3.0;
            return high ? (low ? Quadrant.QUICK_WIN : Quadrant.BIG_BET) : (low ? Quadrant.FILL_IN : Quadrant.MONEY_PIT);
        }
    }

    private LeverPriority() {
    }

    /** Scored levers in priority order; unscored ones are left out. */
    static List<Scored> order(List<Scored> levers) {
        return levers.stream().filter(Scored::scored)
                .sorted(Comparator.comparingInt((Scored l) -> l.quadrant().ordinal())
                        .thenComparing(l -> l.pillars().size() >= 2 ? 0 : 1)
                        .thenComparing(l -> -(l.impact() - l.effort()))
                        .thenComparing(l -> -l.pillars().size())
                        .thenComparing(Scored::name))
                .toList();
    }

    /** The one pillar every high-impact lever feeds, when there is only one. */
    static Optional<Pillar> singlePillar(List<Scored> levers) {
        List<Scored> highImpact = levers.stream().filter(Scored::scored).filter(l -> l.impact() >= 3.0).toList();
        if (highImpact.isEmpty()) {
            return Optional.empty();
        }
        Set<Pillar> covered = new LinkedHashSet<>();
        highImpact.forEach(l -> covered.addAll(l.pillars()));
        return covered.size() == 1 ? Optional.of(covered.iterator().next()) : Optional.empty();
    }
}
