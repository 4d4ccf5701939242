package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The module's facade for organizations: the owner, partners and customer accounts. */
@Service
public class Organizations {

    /** A customer account as the product describes it. */
    public record AccountData(String name, String domain, String segment, LocalDate signedUpOn, String attributes) {
    }

    /** The outcome of an upsert: the account and whether it was created by this call. */
    public record Upserted(Organization account, boolean created) {
    }

    private final OrganizationRepository repository;
    private final UserRepository users;
    private final Invitations invitations;
    private final AuditLog audit;
    private final Clock clock;

    Organizations(OrganizationRepository repository, UserRepository users, Invitations invitations, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.invitations = invitations;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<Organization> find(String id) {
        return repository.find(id);
    }

    /** Email addresses of the organization's active admins, for operational notices (e.g. a disabled webhook endpoint). */
    public java.util.List<String> adminEmails(String organizationId) {
        return users.ofOrganization(organizationId).stream()
                .filter(u -> u.role().isAdmin() && u.status() == UserStatus.ACTIVE)
                .map(User::email)
                .toList();
    }

    public Organization owner() {
        return repository.owner().orElseThrow(() -> new IllegalStateException("The owner organization has not been created yet"));
    }

    public Optional<Organization> findAccount(Mode mode, String externalId) {
        return repository.findAccount(mode, externalId);
    }

    /** Customer accounts whose normalised domain is exactly this one (e.g. to tell whether a prospect is already a customer). */
    public java.util.List<Organization> accountsWithDomain(Mode mode, String domain) {
        String normalized = Domains.normalize(domain);
        return normalized == null ? java.util.List.of() : repository.accountsWithDomain(mode, normalized);
    }

    public CursorPage<Organization> partners(String search, PageQuery query) {
        return repository.page(OrganizationKind.PARTNER, null, search, query);
    }

    public CursorPage<Organization> accounts(Mode mode, String search, PageQuery query) {
        return repository.page(OrganizationKind.CUSTOMER, mode, search, query);
    }

    public long count(OrganizationKind kind) {
        return repository.count(kind);
    }

    /** Creates a partner organization and invites its first admin by email. */
    @Transactional
    public Organization createPartner(String name, PartnerType type, String domain, String adminEmail) {
        Instant now = clock.instant();
        Organization partner = new Organization(Ids.next("prt"), OrganizationKind.PARTNER, name.trim(), Domains.normalize(domain),
                type, null, Mode.LIVE, null, null, null, now, now);
        repository.insert(partner);
        audit.record(partner.id(), "partner.created", partner.id(), partner.name() + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")");
        invitations.invite(partner, adminEmail, Role.PARTNER_ADMIN);
        return partner;
    }

    /** Creates the customer account with this external id in this mode, or updates it. Safe to repeat. */
    @Transactional
    public Upserted upsertAccount(Mode mode, String externalId, AccountData data) {
        Instant now = clock.instant();
        Optional<Organization> existing = repository.findAccount(mode, externalId);
        if (existing.isPresent()) {
            return new Upserted(update(existing.get(), data, now), false);
        }
        Organization account = new Organization(Ids.next("acc"), OrganizationKind.CUSTOMER, data.name().trim(),
                Domains.normalize(data.domain()), null, externalId, mode, data.segment(), data.signedUpOn(), data.attributes(), now, now);
        if (repository.insertIfAbsent(account)) {
            return new Upserted(account, true);
        }
        // Another request created the same account a moment ago: this call becomes an update of it.
        Organization winner = repository.findAccount(mode, externalId).orElseThrow();
        return new Upserted(update(winner, data, now), false);
    }

    private Organization update(Organization current, AccountData data, Instant now) {
        Organization updated = new Organization(current.id(), current.kind(), data.name().trim(), Domains.normalize(data.domain()),
                null, current.externalId(), current.mode(), data.segment(), data.signedUpOn(), data.attributes(), current.createdAt(), now);
        repository.updateAccount(updated);
        return updated;
    }

    Organization requireVisible(String id, Caller caller, OrganizationKind kind) {
        Organization org = repository.find(id).filter(o -> o.kind() == kind).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound(kind.name().toLowerCase(java.util.Locale.ROOT), id));
        return org;
    }
}
