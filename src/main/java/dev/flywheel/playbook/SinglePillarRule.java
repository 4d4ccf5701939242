package dev.flywheel.playbook;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Growth resting on a single pillar: every lever the stakeholders rate high-impact feeds the same one pillar. */
@Component
class SinglePillarRule implements HealthRule {

    private final PlaybookRepository repository;

    SinglePillarRule(PlaybookRepository repository) {
        this.repository = repository;
    }

    @Override
    public Stall stall() {
        return Stall.SINGLE_PILLAR;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(repository.levers());
    }

    static Finding evaluate(List<LeverPriority.Scored> levers) {
        List<LeverPriority.Scored> high = levers.stream().filter(LeverPriority.Scored::scored).filter(l -> l.impact() >= 3.0).toList();
        long scored = levers.stream().filter(LeverPriority.Scored::scored).count();
        String checked = scored + " scored lever(s) in the impact vs effort matrix, " + high.size() + " rated high-impact.";
        Optional<LeverPriority.Pillar> single = LeverPriority.singlePillar(levers);
        if (single.isEmpty()) {
            return Finding.healthy(checked);
        }
        Set<LeverPriority.Pillar> missing = EnumSet.allOf(LeverPriority.Pillar.class);
        missing.remove(single.get());
        return new Finding(checked, List.of(new Warning(Severity.WARNING, "Growth levers",
                "Every high-impact lever (" + high.stream().map(LeverPriority.Scored::name).collect(Collectors.joining(", "))
                        + ") feeds only " + single.get().label() + ".",
                "Add or raise levers that feed " + missing.stream().map(LeverPriority.Pillar::label).collect(Collectors.joining(" and "))
                        + " in the impact vs effort matrix, so growth does not hang on one mechanism.")));
    }
}
