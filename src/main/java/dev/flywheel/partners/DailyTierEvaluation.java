package dev.flywheel.partners;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node checks hourly whether today's tier evaluation has run; the database claim in
 * {@link Program#evaluateDaily} makes sure exactly one node runs it each day. The same tick
 * expires registrations whose protection window ended (conditional updates, safe anywhere).
 */
@Component
class DailyTierEvaluation {

    private final Program program;
    private final DealRegistrations registrations;
    private final Clock clock;

    DailyTierEvaluation(Program program, DealRegistrations registrations, Clock clock) {
        this.program = program;
        this.registrations = registrations;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flywheel.partners.evaluation-interval:PT1H}", initialDelayString = "PT2M")
    void tick() {
        registrations.expireLapsed(clock.instant());
        program.evaluateDaily(clock.instant(), Program.NODE);
    }
}
