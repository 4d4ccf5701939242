package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRepository {

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Organization o) {
        insert(o, "");
    }

    /** Inserts a customer account unless one with its mode and external id exists; false if it did. */
    boolean insertIfAbsent(Organization account) {
        return insert(account, " on conflict do nothing") == 1;
    }

    private int insert(Organization o, String onConflict) {
        return jdbc.sql("""
                insert into organizations (id, kind, name, domain, partner_type, external_id, mode, segment, signed_up_on, attributes, created_at, updated_at)
                values (:id, :kind, :name, :domain, :partnerType, :externalId, :mode, :segment, :signedUpOn, :attributes, :createdAt, :updatedAt)""" + onConflict)
                .param("id", o.id()).param("kind", wire(o.kind())).param("name", o.name()).param("domain", o.domain())
                .param("partnerType", o.partnerType() == null ? null : wire(o.partnerType()))
                .param("externalId", o.externalId()).param("mode", o.mode().wire())
                .param("segment", o.segment()).param("signedUpOn", o.signedUpOn() == null ? null : Date.valueOf(o.signedUpOn()))
                .param("attributes", o.attributes())
                .param("createdAt", Sql.at(o.createdAt())).param("updatedAt", Sql.at(o.updatedAt()))
                .update();
    }

    void updateAccount(Organization o) {
        jdbc.sql("""
                update organizations set name = :name, domain = :domain, segment = :segment, signed_up_on = :signedUpOn,
                  attributes = :attributes, updated_at = :updatedAt where id = :id""")
                .param("id", o.id()).param("name", o.name()).param("domain", o.domain()).param("segment", o.segment())
                .param("signedUpOn", o.signedUpOn() == null ? null : Date.valueOf(o.signedUpOn()))
                .param("attributes", o.attributes()).param("updatedAt", Sql.at(o.updatedAt()))
                .update();
    }

    Optional<Organization> find(String id) {
        return jdbc.sql("select * from organizations where id = :id").param("id", id).query(OrganizationRepository::map).optional();
    }

    Optional<Organization> owner() {
        return jdbc.sql("select * from organizations where kind = 'owner'").query(OrganizationRepository::map).optional();
    }

    Optional<Organization> findAccount(Mode mode, String externalId) {
        return jdbc.sql("select * from organizations where kind = 'customer' and mode = :mode and external_id = :externalId")
                .param("mode", mode.wire()).param("externalId", externalId).query(OrganizationRepository::map).optional();
    }

    List<Organization> accountsWithDomain(Mode mode, String domain) {
        return jdbc.sql("select * from organizations where kind = 'customer' and mode = :mode and domain = :domain order by id limit 10")
                .param("mode", mode.wire()).param("domain", domain).query(OrganizationRepository::map).list();
    }

    CursorPage<Organization> page(OrganizationKind kind, Mode mode, String search, PageQuery query) {
        String pattern = search == null || search.isBlank() ? null : "%" + search.trim().toLowerCase(Locale.ROOT) + "%";
        List<Organization> rows = jdbc.sql("""
                select * from organizations where kind = :kind
                  and (cast(:mode as varchar) is null or mode = :mode)
                  and (cast(:pattern as varchar) is null or lower(name) like :pattern or lower(coalesce(domain, '')) like :pattern
                       or lower(coalesce(external_id, '')) like :pattern)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("kind", wire(kind)).param("mode", mode == null ? null : mode.wire()).param("pattern", pattern)
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(OrganizationRepository::map).list();
        return CursorPage.of(rows, query, Organization::id);
    }

    long count(OrganizationKind kind) {
        return jdbc.sql("select count(*) from organizations where kind = :kind").param("kind", wire(kind)).query(Long.class).single();
    }

    List<Object[]> partnerCountsByType() {
        return jdbc.sql("select partner_type, count(*) as n from organizations where kind = 'partner' group by partner_type order by partner_type")
                .query((rs, n) -> new Object[] {rs.getString("partner_type"), rs.getLong("n")}).list();
    }

    java.util.Set<String> allDomains() {
        return new java.util.HashSet<>(jdbc.sql("select domain from organizations where domain is not null").query(String.class).list());
    }

    java.util.Set<String> externalIds(Mode mode) {
        return new java.util.HashSet<>(jdbc.sql("select external_id from organizations where mode = :mode and external_id is not null")
                .param("mode", mode.wire()).query(String.class).list());
    }

    static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Organization map(ResultSet rs, int n) throws SQLException {
        String partnerType = rs.getString("partner_type");
        Date signedUp = rs.getDate("signed_up_on");
        return new Organization(rs.getString("id"), OrganizationKind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getString("name"), rs.getString("domain"),
                partnerType == null ? null : PartnerType.valueOf(partnerType.toUpperCase(Locale.ROOT)),
                rs.getString("external_id"), Mode.fromWire(rs.getString("mode")), rs.getString("segment"),
                signedUp == null ? null : signedUp.toLocalDate(), rs.getString("attributes"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
