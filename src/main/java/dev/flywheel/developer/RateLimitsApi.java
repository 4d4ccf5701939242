package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rate-limits")
@Tag(name = "Rate limits", description = "Plans of requests per minute per API key or app, and which organization is on which")
class RateLimitsApi {

    record PlanBody(@Schema(example = "600") int requestsPerMinute, @Schema(example = "Growth partners") String description) {
    }

    record PlanView(String name, String object, int requestsPerMinute, String description) {
    }

    record Assign(@Schema(example = "enterprise") String plan) {
    }

    record AssignmentView(String organizationId, String object, String plan, Integer requestsPerMinute) {
    }

    private final RatePlans plans;
    private final Organizations organizations;

    RateLimitsApi(RatePlans plans, Organizations organizations) {
        this.plans = plans;
        this.organizations = organizations;
    }

    @GetMapping("/plans")
    @Operation(summary = "List rate-limit plans")
    CursorPage<PlanView> list(Caller caller) {
        return new CursorPage<>(plans.all().stream().map(RateLimitsApi::view).toList(), false, null);
    }

    @PutMapping("/plans/{name}")
    @Operation(summary = "Create or change a plan", description = "Owner admins. Takes effect on every node within 30 seconds.")
    PlanView save(@PathVariable String name, @RequestBody PlanBody body, Caller caller) {
        return view(plans.save(caller, name, body.requestsPerMinute(), body.description()));
    }

    @PutMapping("/organizations/{organizationId}")
    @Operation(summary = "Put an organization on a plan", description = "Owner admins. Each of the organization's keys and apps gets the plan's budget.")
    AssignmentView assign(@PathVariable String organizationId, @RequestBody Assign body, Caller caller) {
        RatePlans.Plan plan = plans.assign(caller, organizationId, body.plan());
        return new AssignmentView(organizationId, "rate_limit_assignment", plan.name(), plan.requestsPerMinute());
    }

    @GetMapping("/organizations/{organizationId}")
    @Operation(summary = "An organization's plan", description = "The owner sees any organization; others only their own. No plan: not limited.")
    AssignmentView get(@PathVariable String organizationId, Caller caller) {
        Organization org = organizations.find(organizationId).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound("organization", organizationId));
        return plans.planOf(org.id(), org.kind())
                .map(p -> new AssignmentView(org.id(), "rate_limit_assignment", p.name(), p.requestsPerMinute()))
                .orElse(new AssignmentView(org.id(), "rate_limit_assignment", null, null));
    }

    private static PlanView view(RatePlans.Plan p) {
        return new PlanView(p.name(), "rate_plan", p.requestsPerMinute(), p.description());
    }
}
