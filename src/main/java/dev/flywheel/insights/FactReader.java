package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads facts for the reports, streaming where the volume is large. */
@Repository
class FactReader {

    private final JdbcClient jdbc;

    FactReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account's MRR timeline, one account at a time, without holding all of them. */
    void forEachTimeline(Mode mode, Consumer<MrrTimeline> consumer) {
        List<LocalDate> dates = new ArrayList<>();
        List<Long> amounts = new ArrayList<>();
        String[] current = {null};
        jdbc.sql("""
                select account_external_id, effective_on, mrr from insights_mrr_changes where mode = :mode
                order by account_external_id, effective_on, recorded_at, id""")
                .param("mode", mode.wire())
                .query((ResultSet rs) -> {
                    String account = rs.getString(1);
                    if (current[0] != null && !current[0].equals(account)) {
                        consumer.accept(timeline(current[0], dates, amounts));
                        dates.clear();
                        amounts.clear();
                    }
                    current[0] = account;
                    dates.add(rs.getDate(2).toLocalDate());
                    amounts.add(rs.getLong(3));
                });
        if (current[0] != null) {
            consumer.accept(timeline(current[0], dates, amounts));
        }
    }

    private static MrrTimeline timeline(String account, List<LocalDate> dates, List<Long> amounts) {
        long[] a = new long[amounts.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = amounts.get(i);
        }
        return new MrrTimeline(account, dates.toArray(new LocalDate[0]), a);
    }

    /** Distinct integrations active per account at an instant (accounts with none are absent). */
    Map<String, Integer> depthAt(Mode mode, Instant at) {
        Map<String, Integer> depth = new HashMap<>();
        jdbc.sql("""
                select account_external_id, count(distinct integration) from insights_installs
                where mode = :mode and installed_at <= :at and (uninstalled_at is null or uninstalled_at > :at)
                group by account_external_id""")
                .param("mode", mode.wire()).param("at", Sql.at(at))
                .query((ResultSet rs) -> {
                    depth.put(rs.getString(1), rs.getInt(2));
                });
        return depth;
    }

    List<Install> installs(Mode mode) {
        return jdbc.sql("select * from insights_installs where mode = :mode").param("mode", mode.wire())
                .query((rs, n) -> new Install(rs.getString("account_external_id"), rs.getString("integration"), rs.getString("partner_id"),
                        Sql.instant(rs, "installed_at"), Sql.instant(rs, "uninstalled_at")))
                .list();
    }

    /** Won and lost opportunities closed in [from, to). */
    List<Opportunity> closedOpportunities(Mode mode, Instant from, Instant to) {
        return jdbc.sql("""
                select * from insights_opportunities where mode = :mode and status in ('won', 'lost')
                  and closed_at >= :from and closed_at < :to order by closed_at, fact_id""")
                .param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query(FactReader::opportunity).list();
    }

    java.util.Optional<Opportunity> opportunity(Mode mode, String factId) {
        return jdbc.sql("select * from insights_opportunities where mode = :mode and fact_id = :id")
                .param("mode", mode.wire()).param("id", factId).query(FactReader::opportunity).optional();
    }

    /** Touches on the accounts of opportunities closed in [from, to), grouped by account. */
    Map<String, List<Touch>> touchesOfClosedDeals(Mode mode, Instant from, Instant to) {
        Map<String, List<Touch>> byAccount = new HashMap<>();
        jdbc.sql("""
                select * from insights_touchpoints t where t.mode = :mode and t.account_external_id in (
                  select o.account_external_id from insights_opportunities o where o.mode = :mode and o.status in ('won', 'lost')
                    and o.closed_at >= :from and o.closed_at < :to)""")
                .param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((ResultSet rs) -> {
                    Touch t = touch(rs);
                    byAccount.computeIfAbsent(t.account(), a -> new ArrayList<>()).add(t);
                });
        return byAccount;
    }

    /**
     * The deals closed in [from, to) and the touches on their accounts, in columns. Touches come
     * grouped by account and in time order, streamed straight into the columns.
     */
    AttributionFacts attributionFacts(Mode mode, Instant from, Instant to) {
        AttributionFacts.Builder b = new AttributionFacts.Builder();
        closedOpportunities(mode, from, to).forEach(b::deal);
        jdbc.sql("""
                select t.fact_id, t.account_external_id, t.opportunity_external_id, t.partner_id, t.kind, t.occurred_at from insights_touchpoints t
                where t.mode = :mode and t.account_external_id in (
                  select o.account_external_id from insights_opportunities o where o.mode = :mode and o.status in ('won', 'lost')
                    and o.closed_at >= :from and o.closed_at < :to)
                order by t.account_external_id, t.occurred_at, t.fact_id""")
                .param("mode", mode.wire()).param("from", Sql.at(from)).param("to", Sql.at(to))
                .query((ResultSet rs) -> {
                    b.touch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Touch.DEAL_REGISTRATION.equals(rs.getString(5)),
                            AttributionFacts.micros(Sql.instant(rs, "occurred_at")));
                });
        return b.build();
    }

    List<Touch> touchesOf(Mode mode, String account) {
        return jdbc.sql("select * from insights_touchpoints where mode = :mode and account_external_id = :account")
                .param("mode", mode.wire()).param("account", account).query((rs, n) -> touch(rs)).list();
    }

    /** Partners whose apps made API calls or received events in months from..to. */
    long activePartners(Mode mode, YearMonth from, YearMonth to) {
        return jdbc.sql("""
                select count(distinct partner_id) from insights_partner_activity where mode = :mode
                  and activity_month >= :from and activity_month <= :to and (api_calls > 0 or events_received > 0)""")
                .param("mode", mode.wire()).param("from", java.sql.Date.valueOf(from.atDay(1))).param("to", java.sql.Date.valueOf(to.atDay(1)))
                .query(Long.class).single();
    }

    long partnersWithActivityRows(Mode mode) {
        return jdbc.sql("select count(distinct partner_id) from insights_partner_activity where mode = :mode").param("mode", mode.wire())
                .query(Long.class).single();
    }

    /** GMV per month from..to (months without a row are absent). */
    Map<YearMonth, Long> gmv(Mode mode, YearMonth from, YearMonth to) {
        Map<YearMonth, Long> out = new HashMap<>();
        jdbc.sql("select gmv_month, amount from insights_gmv where mode = :mode and gmv_month >= :from and gmv_month <= :to")
                .param("mode", mode.wire()).param("from", java.sql.Date.valueOf(from.atDay(1))).param("to", java.sql.Date.valueOf(to.atDay(1)))
                .query((ResultSet rs) -> {
                    out.put(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getLong(2));
                });
        return out;
    }

    boolean any(String table, Mode mode) {
        return jdbc.sql("select count(*) from (select 1 from " + table + " where mode = :mode limit 1) x").param("mode", mode.wire())
                .query(Long.class).single() > 0;
    }

    private static Opportunity opportunity(ResultSet rs, int n) throws SQLException {
        return new Opportunity(rs.getString("fact_id"), rs.getString("account_external_id"), rs.getString("status"), rs.getLong("amount"),
                Sql.instant(rs, "created_on"), Sql.instant(rs, "closed_at"), rs.getString("created_by_partner_id"));
    }

    private static Touch touch(ResultSet rs) throws SQLException {
        return new Touch(rs.getString("fact_id"), rs.getString("account_external_id"), rs.getString("opportunity_external_id"),
                rs.getString("partner_id"), rs.getString("kind"), Sql.instant(rs, "occurred_at"));
    }
}
