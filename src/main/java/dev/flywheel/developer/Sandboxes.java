package dev.flywheel.developer;

import dev.flywheel.events.EventFilter;
import dev.flywheel.events.Events;
import dev.flywheel.events.StoredEvent;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each partner's sandbox: a test-mode customer account of the owner's product with sample data
 * (teams, plan, seats) and sample test-mode product events, to build and try an integration
 * against without touching live data. Made once per partner (when it asks, or when it registers
 * its first test-mode app); asking again returns the same sandbox.
 */
@Service
public class Sandboxes {

    /** A partner's sandbox: the test-mode account and the sample events on it. */
    public record Sandbox(String partnerId, Organization account, List<StoredEvent> sampleEvents, Instant createdAt) {
    }

    static final List<String> DEPARTMENTS = List.of("Sales", "Support", "Finance");

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Events events;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Sandboxes(JdbcClient jdbc, Organizations organizations, Events events, AuditLog audit, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.events = events;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The partner's sandbox, made on first use. */
    @Transactional
    public Sandbox ensure(String partnerId) {
        Organization partner = organizations.find(partnerId).filter(o -> o.kind() == OrganizationKind.PARTNER)
                .orElseThrow(() -> ApiException.forbidden("A sandbox belongs to a partner organization; use a partner's key."));
        Optional<Sandbox> existing = find(partnerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String externalId = "sandbox-" + partnerId;
        String slug = partnerId.substring(partnerId.indexOf('_') + 1).toLowerCase(java.util.Locale.ROOT);
        String attributes = json.writeValueAsString(Map.of("departments", DEPARTMENTS, "plan", "pro", "seats", 25, "sandbox_for", partnerId));
        Organization account = organizations.upsertAccount(Mode.TEST, externalId, new Organizations.AccountData(
                "Sandbox customer of " + partner.name(), "sandbox-" + slug + ".example", "sandbox",
                clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(90), attributes)).account();
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                insert into developer_sandboxes (partner_id, account_id, external_id, created_at) values (:p, :a, :e, :at)
                on conflict do nothing""")
                .param("p", partnerId).param("a", account.id()).param("e", externalId).param("at", Sql.at(now)).update();
        if (inserted == 1) {
            emitSamples(externalId, partnerId);
            audit.record(partnerId, "sandbox.created", account.id(), "test-mode account " + externalId);
        }
        return find(partnerId).orElseThrow();
    }

    public Optional<Sandbox> find(String partnerId) {
        return jdbc.sql("select * from developer_sandboxes where partner_id = :p").param("p", partnerId)
                .query((rs, n) -> new String[] {rs.getString("account_id"), rs.getString("external_id"), rs.getString("created_at")})
                .optional()
                .flatMap(row -> organizations.find(row[0]).map(account -> new Sandbox(partnerId, account,
                        events.page(Mode.TEST, new EventFilter(null, row[1], null, null, null, null, null), PageQuery.of(20, null)).data(),
                        account.createdAt())));
    }

    /** A sandbox is for a partner's own code: its keys and apps, in test mode only. */
    Sandbox forCaller(Caller caller) {
        if (caller.organizationKind() != OrganizationKind.PARTNER) {
            throw ApiException.forbidden("Sandboxes are made for partners; the owner's test mode is its own sandbox.");
        }
        if (caller.mode() != Mode.TEST) {
            throw ApiException.forbidden("The sandbox is test data: call with a test-mode key (fw_test_…) or a test-mode app's token.");
        }
        return ensure(caller.organizationId());
    }

    private void emitSamples(String account, String partnerId) {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        String client = "sandbox-" + partnerId + "-";
        sample("user.created", account, Map.of("user_id", "u_1001", "email", "ada@sandbox.example", "role", "admin"), client + "1");
        sample("user.created", account, Map.of("user_id", "u_1002", "email", "grace@sandbox.example", "role", "member"), client + "2");
        sample("subscription.upgraded", account, Map.of("from_plan", "team", "to_plan", "business", "mrr", 49900, "currency", "USD"), client + "3");
        sample("task.completed", account, Map.of("task_id", "t_77", "project", "Onboarding", "completed_on", today.toString()), client + "4");
        sample("deal.closed_won", account, Map.of("deal_id", "d_501", "amount", 1_250_000, "currency", "USD"), client + "5");
    }

    /** One sample event; skipped when the owner has since tightened the type's schema so the sample no longer fits. */
    private void sample(String type, String account, Map<String, Object> data, String clientId) {
        try {
            events.emit(type, account, data, Mode.TEST, clientId);
        } catch (IllegalArgumentException schemaChanged) {
            org.slf4j.LoggerFactory.getLogger(Sandboxes.class).info("Sandbox sample {} skipped: {}", type, schemaChanged.getMessage());
        }
    }
}
