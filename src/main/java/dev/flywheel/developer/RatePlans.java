package dev.flywheel.developer;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Rate-limit plans (requests per minute) and which organization is on which. Partners without an
 * assignment are on {@code flywheel.developer.default-rate-plan}; the owner's own credentials are
 * limited only when the owner organization is given a plan. Plans are read on every API call, so
 * each node remembers an organization's plan for {@value #CACHE_SECONDS} s (the node that changes
 * it forgets at once).
 */
@Service
class RatePlans {

    record Plan(String name, int requestsPerMinute, String description) {
    }

    static final long CACHE_SECONDS = 30;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,39}");

    private record Cached(Optional<Plan> plan, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final AuditLog audit;
    private final DeveloperProperties properties;
    private final Clock clock;
    private final Map<String, Cached> byOrganization = new ConcurrentHashMap<>();

    RatePlans(JdbcClient jdbc, Organizations organizations, AuditLog audit, DeveloperProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    List<Plan> all() {
        return jdbc.sql("select * from developer_rate_plans order by requests_per_minute, name")
                .query((rs, n) -> new Plan(rs.getString("name"), rs.getInt("requests_per_minute"), rs.getString("description"))).list();
    }

    Optional<Plan> find(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The plan limiting this organization's credentials, or empty when they are not limited. */
    Optional<Plan> planOf(String organizationId, OrganizationKind kind) {
        Instant now = clock.instant();
        Cached cached = byOrganization.get(organizationId);
        if (cached != null && cached.at().plus(Duration.ofSeconds(CACHE_SECONDS)).isAfter(now)) {
            return cached.plan();
        }
        Optional<String> assigned = jdbc.sql("select plan from developer_rate_plan_assignments where organization_id = :org")
                .param("org", organizationId).query(String.class).optional();
        String name = assigned.orElse(kind == OrganizationKind.OWNER ? null : properties.defaultRatePlan());
        Optional<Plan> plan = name == null ? Optional.empty() : find(name);
        if (byOrganization.size() > 10_000) {
            byOrganization.clear();
        }
        byOrganization.put(organizationId, new Cached(plan, now));
        return plan;
    }

    Plan save(Caller caller, String name, int requestsPerMinute, String description) {
        caller.requireOwnerAdmin();
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "must be 2 to 40 lower-case letters, digits, - or _");
        }
        if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
            throw ApiException.invalid("requests_per_minute", "must be between 1 and 1000000");
        }
        Instant now = clock.instant();
        int updated = jdbc.sql("update developer_rate_plans set requests_per_minute = :rpm, description = :d, updated_at = :at where name = :n")
                .param("rpm", requestsPerMinute).param("d", description).param("at", Sql.at(now)).param("n", name).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into developer_rate_plans (name, requests_per_minute, description, updated_at) values (:n, :rpm, :d, :at)
                    on conflict do nothing""")
                    .param("rpm", requestsPerMinute).param("d", description).param("at", Sql.at(now)).param("n", name).update();
        }
        byOrganization.clear();
        audit.record(caller.organizationId(), "rate_plan.saved", name, requestsPerMinute + " requests per minute");
        return new Plan(name, requestsPerMinute, description);
    }

    Plan assign(Caller caller, String organizationId, String planName) {
        caller.requireOwnerAdmin();
        Plan plan = find(planName).orElseThrow(() -> ApiException.invalid("plan", "names no plan; GET /api/v1/rate-limits/plans lists them"));
        organizations.find(organizationId).orElseThrow(() -> ApiException.notFound("organization", organizationId));
        Instant now = clock.instant();
        int updated = jdbc.sql("update developer_rate_plan_assignments set plan = :plan, assigned_at = :at where organization_id = :org")
                .param("plan", plan.name()).param("at", Sql.at(now)).param("org", organizationId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into developer_rate_plan_assignments (organization_id, plan, assigned_at) values (:org, :plan, :at)
                    on conflict do nothing""")
                    .param("plan", plan.name()).param("at", Sql.at(now)).param("org", organizationId).update();
        }
        byOrganization.remove(organizationId);
        audit.record(caller.organizationId(), "rate_plan.assigned", organizationId, plan.name());
        return plan;
    }
}
