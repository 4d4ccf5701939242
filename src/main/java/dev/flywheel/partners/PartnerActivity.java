package dev.flywheel.partners;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.pipeline.PartnerPipelineSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A read-only view of the partner program's activity for other modules (e.g. the playbook's launch
 * tracker and health advisor): partner-sourced leads and deal registrations in a period, and
 * registrations waiting beyond the review SLA. Live mode only; test-mode data never counts.
 *
 * <p>Stability: the methods and records here are the module's contract for readers.
 */
@Service
public class PartnerActivity implements PartnerPipelineSource {

    /**
     * Deal registrations created in a period.
     *
     * @param registrations how many were registered
     * @param partners by how many distinct partners
     */
    public record Registrations(long registrations, long partners) {
    }

    /** A registration still waiting for the owner's decision after its review SLA ended. */
    public record WaitingRegistration(String registrationId, String partnerId, String partnerName, String company, Instant submittedAt,
            Instant reviewDueAt) {

        public Duration overdueBy(Instant now) {
            return Duration.between(reviewDueAt, now);
        }
    }

    /** The registrations waiting beyond the SLA: the total, and the longest waiting ones. */
    public record Overdue(Duration reviewSla, long total, List<WaitingRegistration> longestWaiting) {
    }

    private final Referrals referrals;
    private final DealRepository deals;
    private final Organizations organizations;
    private final PartnersProperties properties;

    PartnerActivity(Referrals referrals, DealRepository deals, Organizations organizations, PartnersProperties properties) {
        this.referrals = referrals;
        this.deals = deals;
        this.organizations = organizations;
        this.properties = properties;
    }

    /** Leads attributed to a partner (by referral link or coupon) captured in {@code [from, to)}. */
    public long partnerSourcedLeads(Instant from, Instant to) {
        return referrals.partnerSourcedLeads(Mode.LIVE, from, to);
    }

    /** Deal registrations created in {@code [from, to)}, through the portal, the API or a converted lead. */
    public Registrations dealRegistrations(Instant from, Instant to) {
        long[] counts = deals.registrationCounts(Mode.LIVE, from, to);
        return new Registrations(counts[0], counts[1]);
    }

    /** The partner-sourced pipeline: registrations created in {@code [from, to)} in the given mode, by status and currency. */
    @Override
    public List<PartnerPipelineSource.Line> pipeline(Mode mode, Instant from, Instant to) {
        return deals.pipeline(mode, from, to);
    }

    /** Registrations still waiting for review after the SLA ({@code flywheel.partners.review-sla}) ended, up to {@code limit} of them. */
    public Overdue waitingBeyondSla(Instant now, int limit) {
        List<WaitingRegistration> waiting = deals.overdue(Mode.LIVE, now, limit).stream()
                .map(d -> new WaitingRegistration(d.id(), d.partnerId(), organizations.find(d.partnerId()).map(Organization::name).orElse(d.partnerId()),
                        d.company(), d.createdAt(), d.slaDueAt()))
                .toList();
        return new Overdue(properties.reviewSla(), deals.overdueCount(Mode.LIVE, now), waiting);
    }
}
