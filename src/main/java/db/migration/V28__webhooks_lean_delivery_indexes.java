package db.migration;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Webhooks: fewer index entries per delivery. Each delivery is inserted once and updated twice
 * (claimed, then delivered), and as its status changes every update writes an entry into every
 * index of the table, so each index that is not needed costs three writes per delivery.
 * <ul>
 * <li>Everywhere: the claim-token index goes; claims are read back by primary key (PostgreSQL
 * returns them from the claiming update itself).</li>
 * <li>PostgreSQL: the (status, next_attempt_at) index goes; the queue is read through the partial
 * index of waiting deliveries (V25) and a new partial index of deliveries being sent (expired
 * leases, queue depth). The ordering-key index only holds rows that have a key. H2 has no partial
 * indexes and keeps both as they are.</li>
 * </ul>
 * A Java migration because the partial indexes exist only in PostgreSQL's dialect.
 */
public class V28__webhooks_lean_delivery_indexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("drop index if exists webhook_deliveries_claim");
            if (!database.contains("postgres")) {
                return;
            }
            statement.execute("create index webhook_deliveries_sending on webhook_deliveries (claim_expires_at) where status = 'SENDING'");
            statement.execute("drop index if exists webhook_deliveries_due");
            statement.execute("drop index if exists webhook_deliveries_ordering");
            statement.execute("create index webhook_deliveries_ordering on webhook_deliveries (endpoint_id, ordering_key, id) "
                    + "where ordering_key is not null");
        }
    }
}
