package dev.flywheel.partners;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.mail.Mailer;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applications to the partner program: anyone may apply; the owner approves (which creates the
 * partner organization, invites its admin and, while the offer is open, makes it a founding
 * partner) or rejects with a reason that is emailed to the applicant.
 */
@Service
class Applications {

    enum Status { SUBMITTED, APPROVED, REJECTED }

    record Application(String id, String company, String domain, PartnerType type, String contactName, String contactEmail, String message,
            Status status, Instant decidedAt, String decidedBy, String decisionReason, String partnerId, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final Program program;
    private final Mailer mailer;
    private final Clock clock;

    Applications(JdbcClient jdbc, Organizations organizations, Program program, Mailer mailer, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.program = program;
        this.mailer = mailer;
        this.clock = clock;
    }

    Application apply(String company, String domain, PartnerType type, String contactName, String contactEmail, String message) {
        Application a = new Application(Ids.next("pap"), company.trim(), domain, type, contactName.trim(), contactEmail.trim().toLowerCase(Locale.ROOT),
                message, Status.SUBMITTED, null, null, null, null, clock.instant());
        jdbc.sql("""
                insert into partner_applications (id, company, domain, partner_type, contact_name, contact_email, message, status, created_at)
                values (:id, :company, :domain, :type, :name, :email, :message, 'SUBMITTED', :now)""")
                .param("id", a.id()).param("company", a.company()).param("domain", a.domain()).param("type", type.name())
                .param("name", a.contactName()).param("email", a.contactEmail()).param("message", message).param("now", Sql.at(a.createdAt()))
                .update();
        return a;
    }

    Optional<Application> find(String id) {
        return jdbc.sql("select * from partner_applications where id = :id").param("id", id).query(Applications::map).optional();
    }

    CursorPage<Application> page(Status status, PageQuery query) {
        List<Application> rows = jdbc.sql("""
                select * from partner_applications where (cast(:status as varchar) is null or status = :status)
                  and (cast(:after as varchar) is null or id < :after) order by id desc limit :limit""")
                .param("status", status == null ? null : status.name()).param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(Applications::map).list();
        return CursorPage.of(rows, query, Application::id);
    }

    /** Approves: creates the partner and invites the applicant as its admin. Only one of two simultaneous decisions wins. */
    @Transactional
    Application approve(String id, String by, String reason) {
        Application a = decide(id, Status.APPROVED, by, reason);
        Organization partner = organizations.createPartner(a.company(), a.type(), a.domain(), a.contactEmail());
        jdbc.sql("update partner_applications set partner_id = :partner where id = :id").param("id", id).param("partner", partner.id()).update();
        program.join(partner.id(), true);
        return find(id).orElseThrow();
    }

    @Transactional
    Application reject(String id, String by, String reason) {
        Application a = decide(id, Status.REJECTED, by, reason);
        mailer.send(a.contactEmail(), "Your application to the partner program",
                "Hello " + a.contactName() + ",\n\nThank you for applying with " + a.company() + ". We are not able to accept the application now."
                        + (reason == null || reason.isBlank() ? "" : "\n\nReason: " + reason) + "\n");
        return find(id).orElseThrow();
    }

    private Application decide(String id, Status to, String by, String reason) {
        Application a = find(id).orElseThrow(() -> ApiException.notFound("partner application", id));
        int n = jdbc.sql("""
                update partner_applications set status = :to, decided_at = :now, decided_by = :by, decision_reason = :reason
                where id = :id and status = 'SUBMITTED'""")
                .param("id", id).param("to", to.name()).param("now", Sql.at(clock.instant())).param("by", by).param("reason", reason).update();
        if (n == 0) {
            Application now = find(id).orElseThrow();
            throw ApiException.conflict("This application was already " + now.status().name().toLowerCase(Locale.ROOT) + " by " + now.decidedBy()
                    + " at " + now.decidedAt() + ".");
        }
        return a;
    }

    private static Application map(ResultSet rs, int n) throws SQLException {
        return new Application(rs.getString("id"), rs.getString("company"), rs.getString("domain"), PartnerType.valueOf(rs.getString("partner_type")),
                rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("message"), Status.valueOf(rs.getString("status")),
                Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_reason"), rs.getString("partner_id"),
                Sql.instant(rs, "created_at"));
    }
}
