package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the signals' measurements into the launch scorecard: each criterion met, not met yet, or
 * not measurable yet (no module measures it). With several signals for one criterion, the highest
 * figure counts (they measure the same thing from different sources) and all evidence is shown. Pure.
 */
final class SuccessCriteria {

    enum State {
        MET, NOT_MET, NOT_MEASURABLE
    }

    /** One line of the scorecard; {@code value} is null when nothing measures the criterion. */
    record Row(LaunchCriterion criterion, State state, Long value, String evidence) {

        public String needsText() {
            return "not measurable yet — needs the " + criterion.needs() + " module";
        }
    }

    private SuccessCriteria() {
    }

    static List<Row> evaluate(Map<LaunchCriterion, List<LaunchSignal.Measurement>> measured) {
        List<Row> rows = new ArrayList<>();
        for (LaunchCriterion c : LaunchCriterion.values()) {
            List<LaunchSignal.Measurement> ms = measured.getOrDefault(c, List.of());
            if (ms.isEmpty()) {
                rows.add(new Row(c, State.NOT_MEASURABLE, null, null));
                continue;
            }
            long value = ms.stream().max(Comparator.comparingLong(LaunchSignal.Measurement::value)).orElseThrow().value();
            String evidence = ms.stream().map(LaunchSignal.Measurement::evidence).collect(Collectors.joining(" "));
            rows.add(new Row(c, value >= c.target() ? State.MET : State.NOT_MET, value, evidence));
        }
        return rows;
    }

    static long met(List<Row> rows) {
        return rows.stream().filter(r -> r.state() == State.MET).count();
    }
}
