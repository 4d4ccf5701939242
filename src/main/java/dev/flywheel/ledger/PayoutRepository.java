package dev.flywheel.ledger;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PayoutRepository {

    private final JdbcClient jdbc;

    PayoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The batch of a period, created if it does not exist yet (by whichever node gets there first). */
    PayoutBatch batchFor(String period, Instant now) {
        jdbc.sql("insert into ledger_payout_batches (id, period, status, created_at) values (:id, :period, 'OPEN', :now) on conflict do nothing")
                .param("id", Ids.next("pob")).param("period", period).param("now", Sql.at(now)).update();
        return findByPeriod(period).orElseThrow();
    }

    Optional<PayoutBatch> findByPeriod(String period) {
        return jdbc.sql("select * from ledger_payout_batches where period = :period").param("period", period)
                .query(this::mapBatch).optional();
    }

    Optional<PayoutBatch> find(String id) {
        return jdbc.sql("select * from ledger_payout_batches where id = :id").param("id", id).query(this::mapBatch).optional();
    }

    List<PayoutBatch> recent(int limit) {
        return jdbc.sql("select * from ledger_payout_batches order by id desc limit :limit").param("limit", limit)
                .query(this::mapBatch).list();
    }

    /**
     * Claims the batch for this node: only one node runs it. A batch left running past its lease
     * (its node died) may be claimed again; the payouts it already made are not made twice.
     */
    boolean claim(String id, String node, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                update ledger_payout_batches set status = 'RUNNING', claimed_by = :node, claimed_at = :now
                where id = :id and (status = 'OPEN' or (status = 'RUNNING' and claimed_at < :stale))""")
                .param("id", id).param("node", node).param("now", Sql.at(now)).param("stale", Sql.at(staleBefore)).update() == 1;
    }

    void complete(String id, String node, Instant now) {
        jdbc.sql("update ledger_payout_batches set status = 'COMPLETED', completed_at = :now where id = :id and claimed_by = :node")
                .param("id", id).param("node", node).param("now", Sql.at(now)).update();
    }

    /** Records a payout or a skip; false if this payee and currency were already handled in this batch. */
    boolean insertPayout(String batchId, String holderId, Money amount, boolean paid, String reason, String transactionId,
            PayoutProfile profile, Instant now) {
        return jdbc.sql("""
                insert into ledger_payouts (id, batch_id, holder_id, currency, amount, status, reason, transaction_id, account_last4,
                    tax_form, created_at)
                values (:id, :batch, :holder, :currency, :amount, :status, :reason, :tx, :last4, :form, :now)
                on conflict do nothing""")
                .param("id", Ids.next("pay")).param("batch", batchId).param("holder", holderId).param("currency", amount.currency())
                .param("amount", amount.amount()).param("status", paid ? "paid" : "skipped").param("reason", reason).param("tx", transactionId)
                .param("last4", profile == null ? null : profile.accountLast4())
                .param("form", profile == null ? null : profile.taxForm().wire()).param("now", Sql.at(now))
                .update() == 1;
    }

    List<PayoutBatch.Payout> payouts(String batchId) {
        return jdbc.sql("select * from ledger_payouts where batch_id = :batch order by holder_id, currency").param("batch", batchId)
                .query(PayoutRepository::mapPayout).list();
    }

    List<PayoutBatch.Payout> payoutsOf(String holderId, int limit) {
        return jdbc.sql("select * from ledger_payouts where holder_id = :holder order by id desc limit :limit")
                .param("holder", holderId).param("limit", limit).query(PayoutRepository::mapPayout).list();
    }

    Optional<PayoutProfile> profile(String holderId) {
        return jdbc.sql("select * from ledger_payout_profiles where holder_id = :holder").param("holder", holderId)
                .query(PayoutRepository::mapProfile).optional();
    }

    void saveProfile(PayoutProfile p) {
        int updated = jdbc.sql("""
                update ledger_payout_profiles set tax_form = :form, legal_name = :name, country = :country, account_fingerprint = :fp,
                    account_last4 = :last4, updated_at = :at where holder_id = :holder""")
                .param("holder", p.holderId()).param("form", p.taxForm().name()).param("name", p.legalName()).param("country", p.country())
                .param("fp", p.accountFingerprint()).param("last4", p.accountLast4()).param("at", Sql.at(p.updatedAt())).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into ledger_payout_profiles (holder_id, tax_form, legal_name, country, account_fingerprint, account_last4, updated_at)
                    values (:holder, :form, :name, :country, :fp, :last4, :at)""")
                    .param("holder", p.holderId()).param("form", p.taxForm().name()).param("name", p.legalName()).param("country", p.country())
                    .param("fp", p.accountFingerprint()).param("last4", p.accountLast4()).param("at", Sql.at(p.updatedAt())).update();
        }
    }

    List<String> holdersWithFingerprint(String fingerprint) {
        return jdbc.sql("select holder_id from ledger_payout_profiles where account_fingerprint = :fp order by holder_id")
                .param("fp", fingerprint).query(String.class).list();
    }

    private PayoutBatch mapBatch(ResultSet rs, int n) throws SQLException {
        String id = rs.getString("id");
        return new PayoutBatch(id, rs.getString("period"), PayoutBatch.Status.valueOf(rs.getString("status")), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "completed_at"), payouts(id));
    }

    private static PayoutBatch.Payout mapPayout(ResultSet rs, int n) throws SQLException {
        return new PayoutBatch.Payout(rs.getString("id"), rs.getString("holder_id"), Money.of(rs.getLong("amount"), rs.getString("currency")),
                "paid".equals(rs.getString("status")), rs.getString("reason"), rs.getString("transaction_id"), rs.getString("tax_form"),
                rs.getString("account_last4"), Sql.instant(rs, "created_at"));
    }

    private static PayoutProfile mapProfile(ResultSet rs, int n) throws SQLException {
        return new PayoutProfile(rs.getString("holder_id"), PayoutProfile.TaxForm.valueOf(rs.getString("tax_form")), rs.getString("legal_name"),
                rs.getString("country"), rs.getString("account_fingerprint"), rs.getString("account_last4"), Sql.instant(rs, "updated_at"));
    }
}
