package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/insights/experiments")
@Tag(name = "Insights: experiments", description = "A/B tests on ecosystem levers with deterministic assignment and honest statistics")
class ExperimentsApi {

    record CreateExperiment(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String lever, @Size(max = 2000) String hypothesis,
            BigDecimal treatmentShare, @NotNull BigDecimal baselineRate, @NotNull BigDecimal minimumDetectableEffect) {
    }

    record EventBody(@NotBlank @Size(max = 200) String accountId, @NotBlank @Pattern(regexp = "exposure|conversion") String kind, Instant occurredAt) {
    }

    record ExperimentView(String id, String object, String name, String lever, String hypothesis, BigDecimal treatmentShare,
            BigDecimal baselineRate, BigDecimal minimumDetectableEffect, long sampleSizePerArm, String status, Instant startedAt, Instant stoppedAt,
            String guidance) {
        static ExperimentView of(Experiments.Experiment e) {
            return new ExperimentView(e.id(), "experiment", e.name(), e.lever(), e.hypothesis(), e.treatmentShare(), e.baselineRate(),
                    e.minimumEffect(), e.samplePerArm(), e.status(), e.startedAt(), e.stoppedAt(),
                    "Expose at least " + e.samplePerArm() + " accounts per arm before reading the result (α 0.05 two-sided, power 0.8, "
                            + "to detect " + e.minimumEffect().toPlainString() + " absolute change from " + e.baselineRate().toPlainString() + ").");
        }
    }

    record ArmView(long exposed, long converted, BigDecimal conversionRate) {
    }

    record ResultsView(String object, ExperimentView experiment, ArmView control, ArmView treatment, BigDecimal difference,
            BigDecimal differenceLow, BigDecimal differenceHigh, BigDecimal relativeLift, BigDecimal relativeLiftLow, BigDecimal relativeLiftHigh,
            BigDecimal pValue, Boolean significant, boolean plannedSampleReached, String warning) {
    }

    private final Experiments experiments;

    ExperimentsApi(Experiments experiments) {
        this.experiments = experiments;
    }

    @PostMapping
    @Operation(summary = "Define an experiment", description = "Answers with the sample size per arm needed to detect the minimum effect. Owner only.")
    ResponseEntity<ExperimentView> create(@Valid @RequestBody CreateExperiment body, Caller caller) {
        caller.requireOwner();
        BigDecimal share = body.treatmentShare() == null ? new BigDecimal("0.5") : body.treatmentShare();
        return ResponseEntity.status(HttpStatus.CREATED).body(ExperimentView.of(experiments.create(caller.mode(), body.name(), body.lever(),
                body.hypothesis(), share, body.baselineRate(), body.minimumDetectableEffect())));
    }

    @GetMapping
    @Operation(summary = "List experiments")
    CursorPage<ExperimentView> list(@RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String after,
            Caller caller) {
        caller.requireOwner();
        return experiments.page(caller.mode(), PageQuery.of(limit, after)).map(ExperimentView::of);
    }

    @GetMapping("/{id}/assignment")
    @Operation(summary = "The arm of an account", description = "Deterministic: a hash of the experiment and account ids; no state, the same on every node.")
    Map<String, String> assignment(@PathVariable String id, @RequestParam(name = "account_id") String account, Caller caller) {
        caller.requireOwner();
        return Map.of("experiment_id", id, "account_id", account, "arm", experiments.arm(experiments.get(caller.mode(), id), account));
    }

    @PostMapping("/{id}/events")
    @Operation(summary = "Record an exposure or a conversion", description = "Once per account and kind; repeats are ignored. Answers the account's arm.")
    Map<String, String> event(@PathVariable String id, @Valid @RequestBody EventBody body, Caller caller) {
        caller.requireOwner();
        return Map.of("arm", experiments.record(caller.mode(), id, body.accountId(), body.kind(), body.occurredAt()));
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "Stop an experiment")
    ExperimentView stop(@PathVariable String id, Caller caller) {
        caller.requireOwner();
        return ExperimentView.of(experiments.stop(caller.mode(), id));
    }

    @GetMapping("/{id}/results")
    @Operation(summary = "Lift with a 95% confidence interval and the two-proportion z-test p-value",
            description = "Over exposed accounts; a conversion counts when the account was exposed. Carries a peeking warning until the planned sample is reached.")
    ResultsView results(@PathVariable String id, Caller caller) {
        caller.requireOwner();
        Experiments.Results r = experiments.results(caller.mode(), id);
        ExperimentStats.Result s = r.stats();
        ExperimentView e = ExperimentView.of(r.experiment());
        if (s == null) {
            return new ResultsView("experiment_results", e, null, null, null, null, null, null, null, null, null, null, r.planReached(),
                    r.warning() == null ? null : r.warning() + " Both arms need exposures before any comparison.");
        }
        return new ResultsView("experiment_results", e, new ArmView(s.controlExposed(), s.controlConverted(), Ratios.of(s.controlRate())),
                new ArmView(s.treatmentExposed(), s.treatmentConverted(), Ratios.of(s.treatmentRate())), Ratios.of(s.difference()),
                Ratios.of(s.differenceLow()), Ratios.of(s.differenceHigh()), Ratios.of(s.relativeLift()), Ratios.of(s.relativeLow()),
                Ratios.of(s.relativeHigh()), Ratios.of(s.pValue()), s.significant(), r.planReached(), r.warning());
    }
}
