package dev.flywheel.playbook;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Settings;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The 90-day launch tracker: the plan's tasks with their due dates counted from the chosen start
 * date, and the success criteria measured by whichever {@link LaunchSignal}s exist.
 */
@Service
class LaunchTracker {

    static final String START_DATE = "playbook.launch.start_date";

    /** A task as the tracker shows it on a given day. */
    record TaskView(LaunchRepository.Task task, LocalDate due, LaunchPlan.TaskStatus status) {

        public LocalDate doneOn() {
            return task.doneAt() == null ? null : LocalDate.ofInstant(task.doneAt(), ZoneOffset.UTC);
        }
    }

    /** One phase with its dates (null without a start date) and its tasks. */
    record PhaseView(LaunchPlan.Phase phase, LocalDate from, LocalDate to, boolean current, List<TaskView> tasks, int percentDone) {
    }

    /**
     * Everything the tracker page shows.
     *
     * @param start the chosen start date, or null while none is set
     * @param day the day of the plan today (may be below 1 or above 90), 0 without a start date
     */
    record View(LocalDate start, LocalDate today, long day, List<PhaseView> phases, List<SuccessCriteria.Row> criteria, int percentDone) {

        public LocalDate end() {
            return start == null ? null : LaunchPlan.date(start, LaunchPlan.DAYS);
        }
    }

    private final LaunchRepository repository;
    private final List<LaunchSignal> signals;
    private final Settings settings;
    private final Organizations organizations;
    private final Clock clock;

    LaunchTracker(LaunchRepository repository, List<LaunchSignal> signals, Settings settings, Organizations organizations, Clock clock) {
        this.repository = repository;
        this.signals = signals;
        this.settings = settings;
        this.organizations = organizations;
        this.clock = clock;
    }

    Optional<LocalDate> start() {
        return settings.get(START_DATE).map(LocalDate::parse);
    }

    void start(LocalDate date) {
        settings.put(START_DATE, date.toString());
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    View view() {
        LocalDate today = today();
        LocalDate start = start().orElse(null);
        LocalDate plannedFrom = start == null ? today : start;
        LaunchPlan.Phase current = start == null ? null : LaunchPlan.currentPhase(start, today);
        Map<LaunchPlan.Phase, List<TaskView>> byPhase = new EnumMap<>(LaunchPlan.Phase.class);
        List<Boolean> all = new ArrayList<>();
        for (LaunchRepository.Task t : repository.tasks()) {
            LaunchPlan.TaskStatus status = start == null ? (t.done() ? LaunchPlan.TaskStatus.DONE : LaunchPlan.TaskStatus.OPEN)
                    : LaunchPlan.status(t.done(), start, t.dueDay(), today);
            byPhase.computeIfAbsent(t.phase(), p -> new ArrayList<>()).add(new TaskView(t, start == null ? null : LaunchPlan.date(start, t.dueDay()), status));
            all.add(t.done());
        }
        List<PhaseView> phases = new ArrayList<>();
        for (LaunchPlan.Phase p : LaunchPlan.Phase.values()) {
            List<TaskView> tasks = byPhase.getOrDefault(p, List.of());
            phases.add(new PhaseView(p, start == null ? null : LaunchPlan.date(plannedFrom, p.firstDay()),
                    start == null ? null : LaunchPlan.date(plannedFrom, p.lastDay()), p == current, tasks,
                    LaunchPlan.percentDone(tasks.stream().map(v -> v.task().done()).toList())));
        }
        return new View(start, today, start == null ? 0 : LaunchPlan.dayOf(start, today), phases, criteria(), LaunchPlan.percentDone(all));
    }

    List<SuccessCriteria.Row> criteria() {
        Instant now = clock.instant();
        Map<LaunchCriterion, List<LaunchSignal.Measurement>> measured = new EnumMap<>(LaunchCriterion.class);
        for (LaunchSignal s : signals) {
            measured.computeIfAbsent(s.criterion(), c -> new ArrayList<>()).add(s.measure(now));
        }
        return SuccessCriteria.evaluate(measured);
    }

    /** The register with partner names filled in, for showing. */
    List<CoMarketing.Asset> assets() {
        return named(repository.assets(), organizations);
    }

    static List<CoMarketing.Asset> named(List<CoMarketing.Asset> assets, Organizations organizations) {
        return assets.stream().map(a -> a.partnerOrgId() == null ? a
                : new CoMarketing.Asset(a.id(), a.kind(), a.title(), a.partnerOrgId(),
                        organizations.find(a.partnerOrgId()).map(Organization::name).orElse(a.partnerOrgId()), a.channel(), a.url(), a.liveOn()))
                .toList();
    }
}
