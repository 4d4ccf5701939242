package dev.flywheel.community;

import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Template prices and purchases, in plain SQL. */
@Repository
class PurchaseRepository {

    /** A contributor's sales in one currency: counts and amounts, refunds shown apart and taken out of the net. */
    record Earnings(String currency, long sales, long refunds, long gross, long contributorShare, long refundedShare, long fees) {

        long netShare() {
            return contributorShare - refundedShare;
        }
    }

    /** A template's sales (not refunded) in one currency. */
    record TemplateSales(String templateId, String currency, long sales, long gmv, long contributorShare, long fees) {
    }

    private final JdbcClient jdbc;

    PurchaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- prices

    Optional<Money> price(String templateId) {
        return jdbc.sql("select amount, currency from community_template_prices where template_id = :t").param("t", templateId)
                .query((rs, n) -> Money.of(rs.getLong("amount"), rs.getString("currency"))).optional();
    }

    /** Prices of several templates at once (for lists); free templates are absent. */
    Map<String, Money> prices(List<String> templateIds) {
        Map<String, Money> out = new LinkedHashMap<>();
        if (templateIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select template_id, amount, currency from community_template_prices where template_id in (:ids)").param("ids", templateIds)
                .query(rs -> {
                    out.put(rs.getString("template_id"), Money.of(rs.getLong("amount"), rs.getString("currency")));
                });
        return out;
    }

    void setPrice(String templateId, Money price, String by, Instant at) {
        if (jdbc.sql("update community_template_prices set amount = :a, currency = :c, updated_by = :by, updated_at = :at where template_id = :t")
                .param("t", templateId).param("a", price.amount()).param("c", price.currency()).param("by", by).param("at", Sql.at(at))
                .update() == 0) {
            jdbc.sql("""
                    insert into community_template_prices (template_id, amount, currency, updated_by, updated_at)
                    values (:t, :a, :c, :by, :at) on conflict do nothing""")
                    .param("t", templateId).param("a", price.amount()).param("c", price.currency()).param("by", by).param("at", Sql.at(at))
                    .update();
        }
    }

    void clearPrice(String templateId) {
        jdbc.sql("delete from community_template_prices where template_id = :t").param("t", templateId).update();
    }

    // ---- purchases

    /** Inserts the purchase unless the buyer already reported this reference; true if this call inserted it. */
    boolean insert(TemplatePurchase p) {
        return jdbc.sql("""
                insert into community_purchases (id, template_id, template_version, author_org_id, buyer_org_id, reference, currency,
                  gmv_amount, contributor_amount, fee_amount, purchased_at, recorded_at)
                values (:id, :template, :version, :author, :buyer, :reference, :currency, :gmv, :share, :fee, :at, :recorded)
                on conflict do nothing""")
                .param("id", p.id()).param("template", p.templateId()).param("version", p.templateVersion()).param("author", p.authorOrgId())
                .param("buyer", p.buyerOrgId()).param("reference", p.reference()).param("currency", p.gmv().currency())
                .param("gmv", p.gmv().amount()).param("share", p.contributorShare().amount()).param("fee", p.fee().amount())
                .param("at", Sql.at(p.purchasedAt())).param("recorded", Sql.at(p.recordedAt()))
                .update() == 1;
    }

    void posted(String purchaseId, String ledgerTransactionId) {
        jdbc.sql("update community_purchases set ledger_transaction_id = :tx where id = :id").param("id", purchaseId)
                .param("tx", ledgerTransactionId).update();
    }

    /** Marks the purchase refunded unless it already was; true if this call did. */
    boolean refunded(String purchaseId, String reason, String refundTransactionId, Instant at) {
        return jdbc.sql("""
                update community_purchases set refunded_at = :at, refund_reason = :reason, refund_transaction_id = :tx
                where id = :id and refunded_at is null""")
                .param("id", purchaseId).param("at", Sql.at(at)).param("reason", reason).param("tx", refundTransactionId).update() == 1;
    }

    Optional<TemplatePurchase> find(String id) {
        return jdbc.sql("select * from community_purchases where id = :id").param("id", id).query(PurchaseRepository::map).optional();
    }

    Optional<TemplatePurchase> findByReference(String buyerOrgId, String reference) {
        return jdbc.sql("select * from community_purchases where buyer_org_id = :b and reference = :r").param("b", buyerOrgId)
                .param("r", reference).query(PurchaseRepository::map).optional();
    }

    /** Whether the organization holds a purchase of the template that was not refunded. */
    boolean holds(String buyerOrgId, String templateId) {
        return jdbc.sql("select count(*) from community_purchases where buyer_org_id = :b and template_id = :t and refunded_at is null")
                .param("b", buyerOrgId).param("t", templateId).query(Long.class).single() > 0;
    }

    List<TemplatePurchase> ofTemplate(String templateId, int limit) {
        return jdbc.sql("select * from community_purchases where template_id = :t order by purchased_at desc, id desc limit :limit")
                .param("t", templateId).param("limit", limit).query(PurchaseRepository::map).list();
    }

    List<TemplatePurchase> ofAuthor(String authorOrgId, int limit) {
        return jdbc.sql("select * from community_purchases where author_org_id = :a order by purchased_at desc, id desc limit :limit")
                .param("a", authorOrgId).param("limit", limit).query(PurchaseRepository::map).list();
    }

    List<Earnings> earnings(String authorOrgId) {
        return jdbc.sql("""
                select currency, count(*) as sales,
                  sum(case when refunded_at is null then 0 else 1 end) as refunds,
                  sum(gmv_amount) as gross, sum(contributor_amount) as share,
                  sum(case when refunded_at is null then 0 else contributor_amount end) as refunded_share,
                  sum(case when refunded_at is null then fee_amount else 0 end) as fees
                from community_purchases where author_org_id = :a group by currency order by currency""")
                .param("a", authorOrgId)
                .query((rs, n) -> new Earnings(rs.getString("currency"), rs.getLong("sales"), rs.getLong("refunds"), rs.getLong("gross"),
                        rs.getLong("share"), rs.getLong("refunded_share"), rs.getLong("fees")))
                .list();
    }

    /** Sales that stand (not refunded) per template and currency, largest GMV first. */
    List<TemplateSales> salesByTemplate(int limit) {
        return jdbc.sql("""
                select template_id, currency, count(*) as sales, sum(gmv_amount) as gmv, sum(contributor_amount) as share, sum(fee_amount) as fees
                from community_purchases where refunded_at is null
                group by template_id, currency order by gmv desc, template_id limit :limit""")
                .param("limit", limit)
                .query((rs, n) -> new TemplateSales(rs.getString("template_id"), rs.getString("currency"), rs.getLong("sales"), rs.getLong("gmv"),
                        rs.getLong("share"), rs.getLong("fees")))
                .list();
    }

    private static TemplatePurchase map(ResultSet rs, int n) throws SQLException {
        String currency = rs.getString("currency");
        return new TemplatePurchase(rs.getString("id"), rs.getString("template_id"), rs.getInt("template_version"), rs.getString("author_org_id"),
                rs.getString("buyer_org_id"), rs.getString("reference"), Money.of(rs.getLong("gmv_amount"), currency),
                Money.of(rs.getLong("contributor_amount"), currency), Money.of(rs.getLong("fee_amount"), currency),
                rs.getString("ledger_transaction_id"), Sql.instant(rs, "purchased_at"), Sql.instant(rs, "recorded_at"),
                Sql.instant(rs, "refunded_at"), rs.getString("refund_reason"), rs.getString("refund_transaction_id"));
    }
}
