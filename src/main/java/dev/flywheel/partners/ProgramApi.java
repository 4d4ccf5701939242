package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Partner program", description = "Tiers, progress, commission plans and previews, enablement")
class ProgramApi {

    record TierView(String name, String label, int rank, Map<String, BigDecimal> requirements, List<String> benefits) {
    }

    record TierBody(@NotBlank @Size(max = 100) String label, @NotNull Integer rank, Map<String, BigDecimal> requirements,
            @Size(max = 20) List<String> benefits) {
    }

    record ChangeView(String id, String from, String to, String change, String reason, Map<String, Object> metrics, Instant changedAt) {
    }

    record ProgramView(String object, String partnerId, String type, String tier, String tierLabel, Instant tierSince, LocalDate belowSince,
            boolean founding, LocalDate foundingUntil, String managerEmail, Map<String, BigDecimal> metrics, String progress,
            List<String> benefits, List<ChangeView> history) {
    }

    record EvaluationView(String object, String partnerId, String tier, String change, String reason) {
    }

    record ManagerBody(@NotBlank @Email @Size(max = 320) String email) {
    }

    record FoundingOfferBody(@NotNull LocalDate endsOn, Integer rateMonths) {
    }

    record PlanBody(@NotBlank @Size(max = 100) String name, @NotNull LocalDate effectiveFrom, PartnerType partnerType,
            @NotNull CommissionPlan.Basis basis, @NotNull CommissionPlan.Term term, Integer recurringMonths, Map<String, BigDecimal> rates,
            Map<String, AmountBody> flat, BigDecimal foundingBonus, List<MultiplierBody> multipliers, BigDecimal maxMultiplier,
            BigDecimal sourcedShare, BigDecimal influencedShare) {
    }

    record MultiplierBody(String name, @NotNull CommissionPlan.Multiplier.Condition condition, AmountBody minimumDealSize,
            Integer minimumContractMonths, Set<String> verticals, @NotNull BigDecimal factor) {
    }

    record PlanView(String id, String object, String name, LocalDate effectiveFrom, String partnerType, CommissionPlan definition) {
    }

    record PreviewBody(String partnerId, PartnerType partnerType, String tier, Boolean founding, @NotNull AmountBody amount, LocalDate wonOn,
            Integer contractMonths, String vertical, Integer monthIndex, @Size(max = 10) List<String> influencerTiers) {
    }

    record PreviewShare(String role, String tier, Money amount, List<String> trace) {
    }

    record PreviewView(String object, String planId, Money total, List<PreviewShare> shares) {
    }

    record CourseBody(@NotBlank @Size(max = 200) String title, Boolean certification, Integer validityDays) {
    }

    record CompletionBody(@NotBlank String courseId, @NotBlank @Email @Size(max = 320) String userEmail, Instant completedAt) {
    }

    private final Program program;
    private final ProgramRepository repository;
    private final PlanRepository plans;
    private final CommissionEngine engine;
    private final CommissionRecords commissions;
    private final DealRegistrationsApi deals;
    private final Enablement enablement;
    private final Organizations organizations;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Clock clock;

    ProgramApi(Program program, ProgramRepository repository, PlanRepository plans, CommissionEngine engine, CommissionRecords commissions,
            DealRegistrationsApi deals, Enablement enablement, Organizations organizations, tools.jackson.databind.json.JsonMapper json, Clock clock) {
        this.program = program;
        this.repository = repository;
        this.plans = plans;
        this.engine = engine;
        this.commissions = commissions;
        this.deals = deals;
        this.enablement = enablement;
        this.organizations = organizations;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/v1/partner-tiers")
    @Operation(summary = "List the tiers", description = "Lowest first, with their objective requirements (metric → minimum over the rolling "
            + "window: deals_closed, sourced_revenue in the reporting currency, managed_customers, certified_staff, trainings_completed) and benefits.")
    List<TierView> tiers(Caller caller) {
        return program.tiers().stream().map(t -> new TierView(t.name(), t.label(), t.rank(), t.requirements(), t.benefits())).toList();
    }

    @PutMapping("/api/v1/partner-tiers/{name}")
    @Operation(summary = "Create or change a tier", description = "Owner admins. Requirements use the metric names of the tier list; the "
            + "rank-0 tier must have none. Takes effect at the next evaluation.")
    TierView saveTier(@PathVariable String name, @Valid @RequestBody TierBody body, Caller caller) {
        caller.requireOwnerAdmin();
        if (!name.matches("[a-z][a-z0-9_]{0,39}")) {
            throw ApiException.invalid("name", "must be lower-case letters, digits and _, e.g. gold");
        }
        Map<String, BigDecimal> requirements = body.requirements() == null ? Map.of() : body.requirements();
        for (var r : requirements.entrySet()) {
            try {
                TierRules.Metric.of(r.getKey());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("requirements." + r.getKey(), "is not a metric; use deals_closed, sourced_revenue, managed_customers, certified_staff or trainings_completed");
            }
            if (r.getValue() == null || r.getValue().signum() < 0) {
                throw ApiException.invalid("requirements." + r.getKey(), "must be zero or more");
            }
        }
        if (body.rank() < 0 || body.rank() > 20 || (body.rank() == 0 && !requirements.isEmpty())) {
            throw ApiException.invalid("rank", "must be 0 to 20, and the rank-0 entry tier has no requirements");
        }
        if (program.tiers().stream().anyMatch(t -> t.rank() == body.rank() && !t.name().equals(name))) {
            throw ApiException.conflict("Another tier already has rank " + body.rank() + ".");
        }
        TierRules.Tier tier = new TierRules.Tier(name, body.label().trim(), body.rank(), requirements, body.benefits() == null ? List.of() : body.benefits());
        repository.saveTier(tier, clock.instant());
        return new TierView(tier.name(), tier.label(), tier.rank(), tier.requirements(), tier.benefits());
    }

    @GetMapping("/api/v1/partners/{id}/program")
    @Operation(summary = "A partner's place in the program", description = "Tier, founding status, the measured numbers, progress towards "
            + "the next tier (\"2 more certified staff to reach Premier\"), benefits and the tier history with the numbers behind each change.")
    ProgramView programOf(@PathVariable String id, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return view(partner);
    }

    ProgramView view(Organization partner) {
        ProgramRepository.Membership m = program.membership(partner.id());
        Map<String, BigDecimal> metrics = program.metrics(partner.id(), clock.instant());
        List<TierRules.Tier> tiers = program.tiers();
        TierRules.Tier tier = tiers.stream().filter(t -> t.name().equals(m.tier())).findFirst().orElse(tiers.get(0));
        List<ChangeView> history = new ArrayList<>();
        for (ProgramRepository.TierChange c : repository.changes(partner.id(), 20)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> numbers = json.readValue(c.metrics(), Map.class);
            history.add(new ChangeView(c.id(), c.fromTier(), c.toTier(), c.kind(), c.reason(), numbers, c.changedAt()));
        }
        return new ProgramView("partner_program", partner.id(), partner.partnerType().name().toLowerCase(Locale.ROOT), m.tier(), tier.label(),
                m.tierSince(), m.belowSince(), m.foundingOn(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), m.foundingUntil(),
                m.managerEmail(), metrics, TierRules.progress(m.tier(), metrics, tiers), tier.benefits(), history);
    }

    @PostMapping("/api/v1/partners/{id}/tier-evaluation")
    @Operation(summary = "Evaluate a partner's tier now", description = "Owner keys. The same evaluation runs for every partner once a day; "
            + "a change is recorded with its numbers and published as `partner.tier_changed`.")
    EvaluationView evaluate(@PathVariable String id, Caller caller) {
        caller.requireOwner();
        Organization partner = visiblePartner(id, caller);
        TierRules.Decision d = program.evaluate(partner.id(), clock.instant());
        return new EvaluationView("tier_evaluation", partner.id(), d.tier(), d.change().name().toLowerCase(Locale.ROOT), d.reason());
    }

    @PutMapping("/api/v1/partners/{id}/manager")
    @Operation(summary = "Assign a partner manager", description = "Owner keys. The partner sees its manager in the portal.")
    ProgramView manager(@PathVariable String id, @Valid @RequestBody ManagerBody body, Caller caller) {
        caller.requireOwner();
        Organization partner = visiblePartner(id, caller);
        program.membership(partner.id());
        repository.setManager(partner.id(), body.email().trim().toLowerCase(Locale.ROOT));
        return view(partner);
    }

    @PutMapping("/api/v1/partner-program/founding-offer")
    @Operation(summary = "Set the founding partner offer", description = "Owner admins. Applications approved until `ends_on` make founding "
            + "partners, whose deals earn the plan's founding bonus for `rate_months` (default 12) after joining.")
    Map<String, Object> foundingOffer(@Valid @RequestBody FoundingOfferBody body, Caller caller) {
        caller.requireOwnerAdmin();
        int months = body.rateMonths() == null ? 12 : body.rateMonths();
        if (months < 1 || months > 60) {
            throw ApiException.invalid("rate_months", "must be 1 to 60");
        }
        program.setFoundingOffer(body.endsOn(), months);
        return Map.of("object", "founding_offer", "ends_on", body.endsOn(), "rate_months", months);
    }

    @GetMapping("/api/v1/commission-plans")
    @Operation(summary = "List commission plan versions", description = "Latest effective first. A deal is paid by the version in force on the day it was won.")
    List<PlanView> plans(Caller caller) {
        return plans.all(100).stream().map(ProgramApi::planView).toList();
    }

    @PostMapping("/api/v1/commission-plans")
    @Operation(summary = "Add a commission plan version", description = "Owner admins. Versions are never changed: add a new one with a later "
            + "`effective_from`. Rates are fractions (0.15 = 15 %); multipliers stack up to `max_multiplier`; `sourced_share` and "
            + "`influenced_share` split the credit. `partner_type` limits the version to one archetype.")
    ResponseEntity<PlanView> addPlan(@Valid @RequestBody PlanBody body, Caller caller) {
        caller.requireOwnerAdmin();
        Map<String, Money> flat = new LinkedHashMap<>();
        if (body.flat() != null) {
            body.flat().forEach((tier, amount) -> flat.put(tier, AmountBody.require(amount, "flat." + tier, false)));
        }
        List<CommissionPlan.Multiplier> multipliers = new ArrayList<>();
        if (body.multipliers() != null) {
            for (int i = 0; i < body.multipliers().size(); i++) {
                MultiplierBody m = body.multipliers().get(i);
                multipliers.add(new CommissionPlan.Multiplier(m.name(), m.condition(),
                        m.minimumDealSize() == null ? null : AmountBody.require(m.minimumDealSize(), "multipliers[" + i + "].minimum_deal_size", true),
                        m.minimumContractMonths(), m.verticals() == null ? null
                                : m.verticals().stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet()),
                        m.factor()));
            }
        }
        CommissionPlan plan = new CommissionPlan(dev.flywheel.platform.Ids.next("cpl"), body.name().trim(), body.effectiveFrom(), body.basis(),
                body.term(), body.recurringMonths() == null ? 0 : body.recurringMonths(), body.rates(), flat, body.foundingBonus(), multipliers,
                body.maxMultiplier(), body.sourcedShare(), body.influencedShare());
        Map<String, String> problems = plan.problems();
        if (!problems.isEmpty()) {
            throw new ApiException(dev.flywheel.platform.web.ProblemType.VALIDATION, "The plan has invalid fields: " + problems,
                    problems.entrySet().stream().map(e -> new dev.flywheel.platform.web.FieldError(e.getKey(), e.getValue())).toList());
        }
        plans.insert(plan, body.partnerType(), clock.instant());
        return ResponseEntity.status(HttpStatus.CREATED).body(planView(plans.find(plan.id()).orElseThrow()));
    }

    @PostMapping("/api/v1/commission-plans/preview")
    @Operation(summary = "What would this deal pay?", description = "Computes the commission of a deal under the plan in force on `won_on` "
            + "(default today) without recording anything, with the trace of rules. A partner key previews for itself (its tier and "
            + "founding status); owner keys give `tier` or `partner_id`. `influencer_tiers` adds influencing partners.")
    PreviewView preview(@Valid @RequestBody PreviewBody body, Caller caller) {
        Money amount = AmountBody.require(body.amount(), "amount", false);
        LocalDate wonOn = body.wonOn() == null ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : body.wonOn();
        String partnerId = caller.isOwner() ? body.partnerId() : caller.organizationId();
        String tier = body.tier();
        boolean founding = Boolean.TRUE.equals(body.founding());
        PartnerType type = body.partnerType();
        if (partnerId != null) {
            Organization partner = visiblePartner(partnerId, caller);
            ProgramRepository.Membership m = program.membership(partner.id());
            tier = m.tier();
            founding = m.foundingOn(wonOn);
            type = partner.partnerType();
        }
        if (tier == null) {
            tier = program.tiers().get(0).name();
        }
        String sourcedTier = tier;
        if (program.tiers().stream().noneMatch(t -> t.name().equals(sourcedTier))) {
            throw ApiException.invalid("tier", "must be one of " + program.tiers().stream().map(TierRules.Tier::name).toList());
        }
        int months = body.contractMonths() == null ? 12 : body.contractMonths();
        List<CommissionCalculator.Credit> credits = new ArrayList<>();
        credits.add(new CommissionCalculator.Credit("sourced", CommissionCalculator.Role.SOURCED, tier, founding));
        if (body.influencerTiers() != null) {
            for (int i = 0; i < body.influencerTiers().size(); i++) {
                credits.add(new CommissionCalculator.Credit("influencer-" + i, CommissionCalculator.Role.INFLUENCED, body.influencerTiers().get(i), false));
            }
        }
        CommissionPlan plan = engine.planInForce(wonOn, type);
        List<CommissionCalculator.Share> shares = CommissionCalculator.calculate(plan,
                new CommissionCalculator.Revenue(amount, body.monthIndex() == null ? 0 : Math.max(0, body.monthIndex()), amount, months,
                        body.vertical()), credits);
        long total = shares.stream().mapToLong(s -> s.amount().amount()).sum();
        List<PreviewShare> out = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            out.add(new PreviewShare(shares.get(i).role().name().toLowerCase(Locale.ROOT), credits.get(i).tier(), shares.get(i).amount(),
                    shares.get(i).trace()));
        }
        return new PreviewView("commission_preview", plan.id(), Money.of(total, amount.currency()), out);
    }

    @GetMapping("/api/v1/partners/{id}/commissions")
    @Operation(summary = "A partner's commissions", description = "Newest first, cursor-paged, each with its plan, trace of rules, fraud "
            + "flags and money status (pending, held, available, paid, void).")
    CursorPage<DealRegistrationsApi.CommissionView> commissions(@PathVariable String id, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return commissions.page(partner.id(), caller.mode(), PageQuery.of(limit, startingAfter)).map(deals::commissionView);
    }

    @PostMapping("/api/v1/enablement/courses")
    @Operation(summary = "Add a course or certification", description = "Owner keys. A certification may expire `validity_days` after completion.")
    ResponseEntity<Enablement.Course> course(@Valid @RequestBody CourseBody body, Caller caller) {
        caller.requireOwner();
        if (body.validityDays() != null && (body.validityDays() < 1 || body.validityDays() > 3650)) {
            throw ApiException.invalid("validity_days", "must be 1 to 3650");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(enablement.createCourse(body.title(), Boolean.TRUE.equals(body.certification()),
                body.validityDays()));
    }

    @GetMapping("/api/v1/enablement/courses")
    @Operation(summary = "List courses and certifications")
    List<Enablement.Course> courses(Caller caller) {
        return enablement.courses();
    }

    @PostMapping("/api/v1/partners/{id}/completions")
    @Operation(summary = "Record a completed course or certification", description = "Owner keys (e.g. the learning platform). Valid "
            + "certifications count as certified staff in the tier rules.")
    ResponseEntity<Enablement.Completion> complete(@PathVariable String id, @Valid @RequestBody CompletionBody body, Caller caller) {
        caller.requireOwner();
        Organization partner = visiblePartner(id, caller);
        Enablement.Course course = enablement.course(body.courseId()).orElseThrow(() -> ApiException.notFound("course", body.courseId()));
        Instant at = body.completedAt() == null ? clock.instant() : body.completedAt();
        if (at.isAfter(clock.instant())) {
            throw ApiException.invalid("completed_at", "cannot be in the future");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(enablement.complete(course, partner.id(), body.userEmail(), at));
    }

    private Organization visiblePartner(String id, Caller caller) {
        return organizations.find(id).filter(o -> o.kind() == OrganizationKind.PARTNER).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound("partner", id));
    }

    private static PlanView planView(PlanRepository.StoredPlan p) {
        return new PlanView(p.plan().id(), "commission_plan", p.plan().name(), p.plan().effectiveFrom(),
                p.partnerType() == null ? null : p.partnerType().name().toLowerCase(Locale.ROOT), p.plan());
    }
}
