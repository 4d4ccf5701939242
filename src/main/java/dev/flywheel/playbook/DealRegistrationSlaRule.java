package dev.flywheel.playbook;

import dev.flywheel.partners.PartnerActivity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Partners waiting beyond the deal registration SLA: registrations still not approved or rejected
 * after the review SLA ended (read through the partners module's {@link PartnerActivity}).
 * Critical when one has waited longer than twice the SLA past its due time, or five or more wait.
 */
@Component
class DealRegistrationSlaRule implements HealthRule {

    /** How many waiting registrations make the warning critical on their own. */
    static final int CRITICAL_COUNT = 5;
    /** How many of the longest-waiting registrations the evidence names. */
    static final int NAMED = 5;

    private final PartnerActivity activity;

    DealRegistrationSlaRule(PartnerActivity activity) {
        this.activity = activity;
    }

    @Override
    public Stall stall() {
        return Stall.DEAL_REGISTRATION_SLA;
    }

    @Override
    public Finding check(Instant now) {
        return evaluate(activity.waitingBeyondSla(now, NAMED), now);
    }

    static Finding evaluate(PartnerActivity.Overdue overdue, Instant now) {
        long slaHours = overdue.reviewSla().toHours();
        if (overdue.total() == 0) {
            return Finding.healthy("Every deal registration was reviewed within the " + slaHours + "-hour SLA, or is still inside it.");
        }
        List<PartnerActivity.WaitingRegistration> named = overdue.longestWaiting();
        boolean critical = overdue.total() >= CRITICAL_COUNT || named.stream()
                .anyMatch(w -> w.overdueBy(now).compareTo(overdue.reviewSla().multipliedBy(2)) > 0);
        String partners = named.stream().map(PartnerActivity.WaitingRegistration::partnerName).distinct().collect(Collectors.joining(", "));
        String evidence = overdue.total() + " registration(s) wait beyond the " + slaHours + "-hour review SLA; the longest waiting: "
                + named.stream().map(w -> w.company() + " from " + w.partnerName() + " (submitted " + date(w.submittedAt()) + ", "
                        + hours(w.overdueBy(now)) + " h overdue)").collect(Collectors.joining("; ")) + ".";
        return new Finding(overdue.total() + " deal registration(s) past the review SLA.", List.of(new HealthRule.Warning(
                critical ? Severity.CRITICAL : Severity.WARNING, "Partners waiting: " + partners, evidence,
                "Approve or reject them in Partner program today, oldest first; a partner left waiting stops registering and starts "
                        + "working deals around you. If reviews keep slipping, assign a partner manager as the reviewer.")));
    }

    private static String date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static long hours(Duration d) {
        return d.toHours();
    }
}
