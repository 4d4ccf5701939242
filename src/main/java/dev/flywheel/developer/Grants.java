package dev.flywheel.developer;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What customers granted to apps. A grant is recorded when someone consents; it carries the
 * departments the grant is limited to and the fields withheld from the app, which every token
 * issued under it then states. Revoking a grant deletes its authorizations, so its tokens stop
 * working at once on introspection (and a JWT within its short lifetime).
 */
@Service
public class Grants {

    private static final Logger log = LoggerFactory.getLogger(Grants.class);

    private final GrantRepository grants;
    private final Organizations organizations;
    private final ScopeCatalog scopes;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    Grants(GrantRepository grants, Organizations organizations, ScopeCatalog scopes, AuditLog audit, JsonMapper json, Clock clock) {
        this.grants = grants;
        this.organizations = organizations;
        this.scopes = scopes;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The active grant of this app for this person, if any. */
    public Optional<Grant> active(String appId, String principalName) {
        return grants.active(appId, principalName);
    }

    /** The departments (teams) of an account, as the product describes them in the account's {@code departments} attribute. */
    List<String> departmentsOf(String accountId) {
        Optional<Organization> account = organizations.find(accountId);
        if (account.isEmpty() || account.get().attributes() == null) {
            return List.of();
        }
        try {
            JsonNode departments = json.readTree(account.get().attributes()).get("departments");
            List<String> out = new ArrayList<>();
            if (departments != null && departments.isArray()) {
                departments.forEach(d -> {
                    if (d.isString() && !d.asString().isBlank()) {
                        out.add(d.asString().trim());
                    }
                });
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Records (or updates) the grant when a person consents. Departments outside the account's
     * list and fields no approved scope offers are dropped, so a hand-made form can't widen anything.
     */
    @Transactional
    void consented(App app, Caller who, Set<String> approvedScopes, Collection<String> departments, Collection<String> withhold) {
        List<String> knownDepartments = departmentsOf(who.organizationId());
        List<String> chosenDepartments = departments.stream().map(String::trim).filter(knownDepartments::contains).distinct().toList();
        Map<String, Scope> catalog = scopes.byName();
        Set<String> offered = new LinkedHashSet<>();
        for (String s : approvedScopes) {
            Scope scope = catalog.get(s);
            if (scope != null) {
                scope.fields().forEach(f -> offered.add(scope.resource() + "." + f));
            }
        }
        List<String> withheld = withhold.stream().map(String::trim).filter(offered::contains).distinct().toList();
        List<String> scopeList = List.copyOf(approvedScopes);
        Optional<Grant> existing = grants.active(app.id(), who.label());
        if (existing.isPresent()) {
            grants.update(existing.get().id(), scopeList, chosenDepartments, withheld);
        } else {
            grants.insert(new Grant(Ids.next("grt"), app.id(), who.organizationId(), who.label(), scopeList, chosenDepartments, withheld,
                    clock.instant(), null));
        }
        audit.record(who.organizationId(), "oauth.consented", app.id(), app.name() + ": " + String.join(" ", scopeList)
                + (chosenDepartments.isEmpty() ? "" : "; departments " + String.join(", ", chosenDepartments))
                + (withheld.isEmpty() ? "" : "; withheld " + String.join(", ", withheld)));
    }

    /** Every app holding a grant on the caller's account (admins), or the caller's own grants (everyone else). */
    public List<Grant> ofAccount(Caller caller) {
        List<Grant> all = grants.activeOfAccount(caller.organizationId());
        if (caller.role() != null && caller.role().isAdmin()) {
            return all;
        }
        return all.stream().filter(g -> g.principalName().equals(caller.label())).toList();
    }

    /** Revokes a grant: its consent, authorizations and tokens are deleted now. */
    @Transactional
    public Grant revoke(Caller caller, String grantId) {
        Grant grant = grants.find(grantId).filter(g -> g.accountId().equals(caller.organizationId()))
                .filter(g -> (caller.role() != null && caller.role().isAdmin()) || g.principalName().equals(caller.label()))
                .orElseThrow(() -> ApiException.notFound("grant", grantId));
        if (grants.revoke(grant.id(), clock.instant())) {
            int removed = grants.removeAuthorizations(grant.appId(), grant.principalName());
            audit.record(grant.accountId(), "oauth.grant_revoked", grant.appId(), "grant " + grant.id() + " of " + grant.principalName()
                    + "; " + removed + " authorization(s) deleted");
        }
        return grants.find(grant.id()).orElseThrow();
    }

    /** Idempotent housekeeping: authorizations whose every token expired more than a day ago. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void removeExpiredAuthorizations() {
        int removed = grants.removeExpiredAuthorizations(clock.instant().minus(Duration.ofDays(1)));
        if (removed > 0) {
            log.info("Removed {} expired OAuth authorizations", removed);
        }
    }
}
