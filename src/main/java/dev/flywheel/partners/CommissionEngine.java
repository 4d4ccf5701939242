package dev.flywheel.partners;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.ledger.Commission;
import dev.flywheel.ledger.CommissionEarned;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a won deal's revenue into commissions: finds the plan in force on the day the deal was
 * won, credits the sourcing and influencing partners at their tiers, runs the fraud rules, stores
 * each commission with its rule trace and records the money in the ledger.
 */
@Service
class CommissionEngine {

    record Credited(CommissionRecords.PartnerCommission record, Commission ledger) {
    }

    private final PlanRepository plans;
    private final CommissionRecords records;
    private final Program program;
    private final Organizations organizations;
    private final Ledger ledger;
    private final Clock clock;

    CommissionEngine(PlanRepository plans, CommissionRecords records, Program program, Organizations organizations, Ledger ledger, Clock clock) {
        this.plans = plans;
        this.records = records;
        this.program = program;
        this.organizations = organizations;
        this.ledger = ledger;
        this.clock = clock;
    }

    CommissionPlan planInForce(LocalDate day, PartnerType type) {
        return plans.inForce(day, type).map(PlanRepository.StoredPlan::plan)
                .orElseThrow(() -> new IllegalStateException("No commission plan is in force on " + day));
    }

    /** What a deal would pay, without recording anything. */
    List<CommissionCalculator.Share> preview(PartnerType type, LocalDate wonOn, CommissionCalculator.Revenue revenue,
            List<CommissionCalculator.Credit> credits) {
        return CommissionCalculator.calculate(planInForce(wonOn, type), revenue, credits);
    }

    /** The credits of a deal as of the day it was won: the registering partner sourced it, the others influenced it. */
    List<CommissionCalculator.Credit> credits(DealRegistration deal, List<String> influencers, LocalDate wonOn) {
        List<CommissionCalculator.Credit> credits = new ArrayList<>();
        ProgramRepository.Membership sourcer = program.membership(deal.partnerId());
        credits.add(new CommissionCalculator.Credit(deal.partnerId(), CommissionCalculator.Role.SOURCED, sourcer.tier(), sourcer.foundingOn(wonOn)));
        for (String id : influencers) {
            ProgramRepository.Membership m = program.membership(id);
            credits.add(new CommissionCalculator.Credit(id, CommissionCalculator.Role.INFLUENCED, m.tier(), m.foundingOn(wonOn)));
        }
        return credits;
    }

    /** Records the commissions of one revenue event of a won deal; repeating the same event records nothing new. */
    @Transactional
    List<Credited> credit(DealRegistration deal, List<String> influencers, String revenueRef, Money revenue, LocalDate receivedOn) {
        LocalDate wonOn = deal.closedOn();
        Organization sourcer = organizations.find(deal.partnerId()).orElseThrow();
        CommissionPlan plan = planInForce(wonOn, sourcer.partnerType());
        int monthIndex = (int) ChronoUnit.MONTHS.between(wonOn.withDayOfMonth(1), receivedOn.withDayOfMonth(1));
        CommissionCalculator.Revenue event = new CommissionCalculator.Revenue(revenue, monthIndex, deal.wonValue(),
                deal.contractMonths() == null ? 12 : deal.contractMonths(), deal.vertical());
        List<Credited> out = new ArrayList<>();
        for (CommissionCalculator.Share share : CommissionCalculator.calculate(plan, event, credits(deal, influencers, wonOn))) {
            if (share.amount().amount() <= 0) {
                continue;
            }
            Organization partner = organizations.find(share.partnerId()).orElseThrow();
            List<String> flags = FraudRules.check(new FraudRules.Facts(partner.domain(), deal.domain(), deal.contactEmail(),
                    ledger.holdersSharingPayoutAccount(partner.id())));
            String role = share.role().name().toLowerCase(Locale.ROOT);
            String id = records.insert(deal.id(), share.partnerId(), deal.mode(), role, revenueRef, share.amount(), plan.id(), share.trace(),
                    flags, clock.instant());
            if (id == null) {
                continue; // this revenue event already credited this partner
            }
            Commission money = ledger.recordCommission(new CommissionEarned("pcm:" + id, share.partnerId(), deal.mode(), share.amount(),
                    role + " commission on " + deal.company() + " (" + deal.id() + ")",
                    clock.instant(),
                    flags.isEmpty() ? null : String.join("; ", flags)));
            records.linkLedger(id, money.id());
            out.add(new Credited(records.ofRegistration(deal.id()).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(), money));
        }
        return out;
    }
}
