package db.migration;

import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Webhooks: on PostgreSQL, a partial index over the deliveries still waiting, so a dispatcher's
 * claim reads only the queue and not every delivery ever made (the table keeps delivered rows for
 * the retention period). H2 has no partial indexes; there the claim uses {@code webhook_deliveries_due}.
 * A Java migration because the statement exists only in PostgreSQL's dialect.
 */
public class V25__webhooks_pending_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String database = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!database.contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("create index webhook_deliveries_pending on webhook_deliveries (next_attempt_at) where status = 'PENDING'");
        }
    }
}
