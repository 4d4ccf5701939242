package dev.flywheel.webhooks;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery queue and the attempt log. Dispatchers claim due rows by stamping them with a claim
 * token and a lease: on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so several nodes take
 * disjoint batches without waiting on each other; on H2 with the same conditional update without
 * row locking, which is safe (a row is claimed only while still pending) but meant for one node.
 * Not a Spring bean on its own, so tests can run several dispatchers on one database.
 */
class DeliveryQueue {

    /** A claimed delivery with what the dispatcher needs of its endpoint. */
    record Claimed(Delivery delivery, String url, Mode mode, Integer rateLimit, int secretVersion, String organizationId, String origin,
            Instant failingSince, String claimToken) {

        static Claimed of(Delivery delivery, Endpoint endpoint, String claimToken) {
            return new Claimed(delivery, endpoint.url(), endpoint.mode(), endpoint.rateLimit(), endpoint.secretVersion(), endpoint.organizationId(),
                    endpoint.origin(), endpoint.failingSince(), claimToken);
        }
    }

    private static final String INSERT = """
            insert into webhook_deliveries (id, endpoint_id, event_id, event_type, ordering_key, payload, status, next_attempt_at, created_at,
                                            last_error, subscription_id, claim_token, claim_expires_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Due deliveries of enabled endpoints, oldest due first; an ordering key holds a delivery back
     * while an earlier one with the same key is still pending or in flight for that endpoint. The
     * endpoint's status is read with a scalar subquery on purpose: as a join (or EXISTS, which
     * PostgreSQL turns into one) the planner combined the pending index with the per-endpoint index
     * and read every delivery the endpoint ever had, on each claim. A partner-app delivery also
     * needs its install-scoped subscription to be active (same scalar-subquery form): uninstalling
     * cancels what is queued, and this keeps a message queued concurrently with the uninstall from
     * going out ({@link #cancelInactive} then cancels it).
     */
    private static final String DUE = """
            select d.id from webhook_deliveries d
             where d.status = 'PENDING' and d.next_attempt_at <= :now
               and (select e.status from webhook_endpoints e where e.id = d.endpoint_id) = 'ENABLED'
               and (d.subscription_id is null
                    or (select s.status from webhook_subscriptions s where s.id = d.subscription_id) = 'ACTIVE')
               and (d.ordering_key is null or not exists (
                    select 1 from webhook_deliveries o
                     where o.endpoint_id = d.endpoint_id and o.ordering_key = d.ordering_key and o.id < d.id
                       and o.status in ('PENDING', 'SENDING')))
             order by d.next_attempt_at limit :batch""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean skipLocked;
    private final TransactionTemplate transactions;

    DeliveryQueue(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
        this.skipLocked = isPostgres(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static boolean isPostgres(DataSource dataSource) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database product name", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    boolean usesSkipLocked() {
        return skipLocked;
    }

    void enqueue(List<Delivery> deliveries) {
        enqueue(deliveries, null, null);
    }

    /**
     * Stores new deliveries: pending, failed before any attempt, or (with a claim token) already
     * claimed by this node's dispatcher until {@code leaseUntil}, to be sent once the transaction commits.
     */
    void enqueue(List<Delivery> deliveries, String claimToken, Instant leaseUntil) {
        List<Object[]> rows = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            boolean claimed = d.status() == DeliveryStatus.SENDING && claimToken != null;
            if (d.status() != DeliveryStatus.PENDING && d.status() != DeliveryStatus.FAILED && !claimed) {
                throw new IllegalStateException("A new delivery is pending, claimed, or failed before any attempt; not " + d.status());
            }
            rows.add(new Object[] {d.id(), d.endpointId(), d.eventId(), d.eventType(), d.orderingKey(), d.payload(), d.status().name(),
                Sql.at(d.nextAttemptAt()), Sql.at(d.createdAt()), d.lastError(), d.subscriptionId(), claimed ? claimToken : null,
                claimed ? Sql.at(leaseUntil) : null});
        }
        template.batchUpdate(INSERT, rows);
    }

    /**
     * H2: the same, sorted by the whole (status, next_attempt_at) index. Status is constant here, so
     * the order is the same, but only then does H2 read the index in order and stop after
     * {@code batch} rows; sorted by next_attempt_at alone it reads and filters every waiting row on
     * each claim, so a claim cost grew with the backlog.
     */
    private static final String DUE_H2 = DUE.replace("order by d.next_attempt_at", "order by d.status, d.next_attempt_at");

    /**
     * PostgreSQL: the whole claim in one statement and one round trip (autocommitted): the due ids
     * are locked with {@code FOR UPDATE SKIP LOCKED} in a materialized CTE (so concurrent claimers,
     * on this node or another, take disjoint batches and the planner cannot re-run the selection
     * per row), updated by primary key, and returned with what the dispatcher needs of their
     * endpoints, so nothing is looked up per delivery.
     */
    private static final String CLAIM_POSTGRES = "with due as materialized (" + DUE + " for update skip locked) " + """
            update webhook_deliveries d set status = 'SENDING', claim_token = :token, claim_expires_at = :lease
              from due, webhook_endpoints e
             where d.id = due.id and e.id = d.endpoint_id
            returning d.*, e.url, e.mode, e.rate_limit, e.secret_version, e.organization_id, e.origin, e.failing_since""";

    /** Claims up to {@code batch} due deliveries for {@code token} until {@code leaseUntil}; returns them, oldest due first. */
    List<Claimed> claim(String token, Instant now, Instant leaseUntil, int batch) {
        List<Claimed> claimed;
        if (skipLocked) {
            claimed = jdbc.sql(CLAIM_POSTGRES).param("now", Sql.at(now)).param("batch", batch).param("token", token)
                    .param("lease", Sql.at(leaseUntil)).query((rs, n) -> claimed(rs, n, token)).list();
        } else {
            claimed = claimWithoutRowLocks(token, now, leaseUntil, batch);
        }
        List<Claimed> ordered = new ArrayList<>(claimed);
        ordered.sort(Comparator.comparing((Claimed c) -> c.delivery().nextAttemptAt()).thenComparing(c -> c.delivery().id()));
        return ordered;
    }

    /**
     * H2: read the due ids, then claim them by primary key in the same transaction, conditional on
     * still being pending (safe for the single claimer H2 is meant for); then read back the rows
     * this token holds, by primary key, with their endpoints.
     */
    private List<Claimed> claimWithoutRowLocks(String token, Instant now, Instant leaseUntil, int batch) {
        List<String> due = transactions.execute(status -> {
            List<String> ids = jdbc.sql(DUE_H2).param("now", Sql.at(now)).param("batch", batch).query(String.class).list();
            if (!ids.isEmpty()) {
                jdbc.sql("update webhook_deliveries set status = 'SENDING', claim_token = :token, claim_expires_at = :lease "
                        + "where id in (:ids) and status = 'PENDING'")
                        .param("token", token).param("lease", Sql.at(leaseUntil)).param("ids", ids).update();
            }
            return ids;
        });
        if (due == null || due.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select d.*, e.url, e.mode, e.rate_limit, e.secret_version, e.organization_id, e.origin, e.failing_since
                  from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
                 where d.id in (:ids) and d.claim_token = :token and d.status = 'SENDING'""")
                .param("ids", due).param("token", token).query((rs, n) -> claimed(rs, n, token)).list();
    }

    private static Claimed claimed(ResultSet rs, int n, String token) throws SQLException {
        int rate = rs.getInt("rate_limit");
        Integer rateLimit = rs.wasNull() ? null : rate;
        return new Claimed(map(rs, n), rs.getString("url"), Mode.fromWire(rs.getString("mode")), rateLimit,
                rs.getInt("secret_version"), rs.getString("organization_id"), rs.getString("origin"),
                Sql.instant(rs, "failing_since"), token);
    }

    /** Hands deliveries whose claim lease ended (their dispatcher died or hung) back to the queue. */
    int releaseExpiredClaims(Instant now) {
        return jdbc.sql("update webhook_deliveries set status = 'PENDING', claim_token = null, claim_expires_at = null "
                + "where status = 'SENDING' and claim_expires_at < :now")
                .param("now", Sql.at(now)).update();
    }

    /**
     * The outcome of one claimed delivery, waiting to be recorded with others in one transaction:
     * its new state and, unless it was only postponed (rate limit), the attempt made.
     */
    record Outcome(Claimed claimed, Attempt attempt, DeliveryStatus status, Instant nextAttemptAt, int retryStep, Integer statusCode,
            String error, Instant deliveredAt) {

        Outcome {
            if (!DeliveryStatus.SENDING.canBecome(status)) {
                throw new IllegalStateException("A sending delivery cannot become " + status);
            }
        }
    }

    /**
     * Records many outcomes in one transaction (one commit instead of two per delivery), as two
     * JDBC batches: each delivery takes its new state if its claim is still held (a claim taken
     * over after its lease ended is left to the new holder), and every attempt is logged.
     */
    void record(List<Outcome> outcomes) {
        List<Object[]> finished = new ArrayList<>(outcomes.size());
        List<Object[]> attempts = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Attempt a = o.attempt();
            finished.add(new Object[] {o.status().name(), timestamp(o.nextAttemptAt()), o.retryStep(), a == null ? 0 : 1,
                new SqlParameterValue(Types.INTEGER, o.statusCode()), new SqlParameterValue(Types.VARCHAR, o.error()),
                timestamp(o.deliveredAt()), o.claimed().delivery().id(), o.claimed().claimToken()});
            if (a != null) {
                attempts.add(new Object[] {a.id(), a.deliveryId(), a.endpointId(), Sql.at(a.attemptedAt()), new SqlParameterValue(Types.INTEGER,
                    a.statusCode()), a.latencyMillis(), a.outcome(), new SqlParameterValue(Types.VARCHAR, a.error()),
                    new SqlParameterValue(Types.VARCHAR, a.responseExcerpt())});
            }
        }
        transactions.executeWithoutResult(status -> {
            template.batchUpdate("""
                    update webhook_deliveries
                       set status = ?, next_attempt_at = coalesce(?, next_attempt_at), retry_step = ?, attempts = attempts + ?,
                           last_status_code = coalesce(?, last_status_code), last_error = ?, delivered_at = ?,
                           claim_token = null, claim_expires_at = null
                     where id = ? and claim_token = ?""", finished);
            if (!attempts.isEmpty()) {
                template.batchUpdate("""
                        insert into webhook_attempts (id, delivery_id, endpoint_id, attempted_at, status_code, latency_ms, outcome, error,
                                                      response_excerpt)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", attempts);
            }
        });
    }

    /** A typed timestamp parameter, so that a null one is bound with its type (PostgreSQL must know it inside coalesce). */
    private static SqlParameterValue timestamp(Instant instant) {
        return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, Sql.at(instant));
    }

    Optional<Delivery> find(String id) {
        return jdbc.sql("select * from webhook_deliveries where id = :id").param("id", id).query(DeliveryQueue::map).optional();
    }

    CursorPage<Delivery> page(String endpointId, DeliveryStatus status, PageQuery query) {
        List<Delivery> rows = jdbc.sql("""
                select * from webhook_deliveries where endpoint_id = :endpoint
                  and (cast(:status as varchar) is null or status = :status)
                  and (cast(:after as varchar) is null or id < :after)
                order by id desc limit :limit""")
                .param("endpoint", endpointId).param("status", status == null ? null : status.name())
                .param("after", query.startingAfter()).param("limit", query.fetchSize())
                .query(DeliveryQueue::map).list();
        return CursorPage.of(rows, query, Delivery::id);
    }

    List<Attempt> attempts(String deliveryId) {
        return jdbc.sql("select * from webhook_attempts where delivery_id = :delivery order by id").param("delivery", deliveryId)
                .query((rs, n) -> {
                    int code = rs.getInt("status_code");
                    Integer statusCode = rs.wasNull() ? null : code;
                    return new Attempt(rs.getString("id"), rs.getString("delivery_id"), rs.getString("endpoint_id"), Sql.instant(rs, "attempted_at"),
                            statusCode, rs.getLong("latency_ms"), rs.getString("outcome"), rs.getString("error"), rs.getString("response_excerpt"));
                }).list();
    }

    /** Puts a finished delivery back in the queue for an attempt now, with a fresh retry schedule. */
    boolean resend(String id, Instant now) {
        return jdbc.sql("update webhook_deliveries set status = 'PENDING', retry_step = 0, next_attempt_at = :now "
                + "where id = :id and status in ('DELIVERED', 'FAILED') and " + SUBSCRIPTION_ACTIVE)
                .param("id", id).param("now", Sql.at(now)).update() == 1;
    }

    /** An owner delivery, or a partner-app delivery whose install-scoped subscription is still active. */
    private static final String SUBSCRIPTION_ACTIVE =
            "(subscription_id is null or subscription_id in (select s.id from webhook_subscriptions s where s.status = 'ACTIVE'))";

    /**
     * Cancels every message of the install's subscriptions that has not gone out: waiting ones, and
     * claimed ones (their claim is dropped, so the dispatcher cannot record them as sent or failed).
     * Returns how many.
     */
    int cancelForInstall(String installId, String reason) {
        return jdbc.sql("""
                update webhook_deliveries set status = 'CANCELLED', claim_token = null, claim_expires_at = null, last_error = :reason
                 where subscription_id in (select s.id from webhook_subscriptions s where s.install_id = :install)
                   and status in ('PENDING', 'SENDING')""")
                .param("install", installId).param("reason", reason).update();
    }

    /**
     * Cancels waiting messages whose subscription is no longer active: those queued by an event
     * stored concurrently with an uninstall, after the uninstall had cancelled the rest. The claim
     * query never hands them out; this only tidies them away. Returns how many.
     */
    int cancelInactive() {
        return jdbc.sql("""
                update webhook_deliveries set status = 'CANCELLED', last_error = 'the install ended before the message went out'
                 where status = 'PENDING' and subscription_id is not null
                   and subscription_id in (select s.id from webhook_subscriptions s where s.status <> 'ACTIVE')""").update();
    }

    /** Every failed delivery of the endpoint created at or after {@code since} goes back in the queue; returns how many. */
    int recover(String endpointId, Instant since, Instant now) {
        return jdbc.sql("update webhook_deliveries set status = 'PENDING', retry_step = 0, next_attempt_at = :now "
                + "where endpoint_id = :endpoint and status = 'FAILED' and created_at >= :since and " + SUBSCRIPTION_ACTIVE)
                .param("endpoint", endpointId).param("since", Sql.at(since)).param("now", Sql.at(now)).update();
    }

    long countByStatus(String endpointId, DeliveryStatus status) {
        return jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :endpoint and status = :status")
                .param("endpoint", endpointId).param("status", status.name()).query(Long.class).single();
    }

    /**
     * Queue depth: messages waiting for an enabled endpoint (due now or retrying later) or being sent.
     * Written with OR (not IN) so PostgreSQL combines its two partial indexes, of waiting and of
     * sending deliveries, instead of reading the delivered history.
     */
    long depth() {
        return jdbc.sql("""
                select count(*) from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'ENABLED'
                 where (d.status = 'PENDING' or d.status = 'SENDING')""").query(Long.class).single();
    }

    /** When the oldest message still waiting for an enabled endpoint was queued, if any. */
    Optional<Instant> oldestWaiting() {
        return jdbc.sql("""
                select min(d.created_at) as oldest from webhook_deliveries d
                  join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'ENABLED'
                 where (d.status = 'PENDING' or d.status = 'SENDING')""")
                .query((rs, n) -> Optional.ofNullable(Sql.instant(rs, "oldest"))).single();
    }

    int deleteAttemptsBefore(Instant cutoff, int batch) {
        return jdbc.sql("delete from webhook_attempts where id in (select id from webhook_attempts where attempted_at < :cutoff order by attempted_at limit :batch)")
                .param("cutoff", Sql.at(cutoff)).param("batch", batch).update();
    }

    int deleteDeliveriesBefore(Instant cutoff, int batch) {
        return jdbc.sql("delete from webhook_deliveries where id in (select id from webhook_deliveries where created_at < :cutoff "
                + "and status <> 'SENDING' order by created_at limit :batch)")
                .param("cutoff", Sql.at(cutoff)).param("batch", batch).update();
    }

    static Delivery map(ResultSet rs, int n) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer lastCode = rs.wasNull() ? null : code;
        return new Delivery(rs.getString("id"), rs.getString("endpoint_id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("ordering_key"), rs.getString("payload"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("retry_step"),
                rs.getInt("attempts"), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "delivered_at"),
                lastCode, rs.getString("last_error"), rs.getString("subscription_id"));
    }
}
