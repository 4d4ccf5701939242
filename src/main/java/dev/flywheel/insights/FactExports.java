package dev.flywheel.insights;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.csv.Csv;
import dev.flywheel.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fact table as CSV (for spreadsheets), NDJSON (one JSON object per line) or Parquet (typed
 * columns), the last two for a warehouse. CSV and NDJSON stream row by row; Parquet buffers at
 * most one row group ({@link ParquetExport#ROW_GROUP_BYTES}) and its writer is loaded on the first
 * Parquet export, never at startup.
 */
@Component
class FactExports {

    private static final Map<String, String> TABLES = Map.of(
            "mrr-changes", "select fact_id as id, account_external_id as account_id, effective_on, mrr, currency, recorded_at from insights_mrr_changes",
            "touchpoints", "select fact_id as id, account_external_id as account_id, opportunity_external_id as opportunity_id, partner_id, kind, occurred_at, person_email, detail, recorded_at from insights_touchpoints",
            "opportunities", "select fact_id as id, account_external_id as account_id, name, status, amount, currency, created_on as created_at, closed_at, created_by_partner_id, recorded_at from insights_opportunities",
            "installs", "select fact_id as id, account_external_id as account_id, integration, partner_id, installed_at, uninstalled_at, recorded_at from insights_installs",
            "partner-activity", "select partner_id, activity_month, api_calls, events_received, recorded_at from insights_partner_activity",
            "gmv", "select gmv_month, amount, currency, recorded_at from insights_gmv");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FactExports(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Writes one fact table of a mode to the response in the format asked for (csv, ndjson or parquet). */
    void write(String table, String format, Mode mode, HttpServletResponse response) throws IOException {
        String sql = TABLES.get(table);
        if (sql == null) {
            throw ApiException.notFound("export", table + " (use " + String.join(", ", TABLES.keySet().stream().sorted().toList()) + ")");
        }
        boolean csv = "csv".equals(format);
        if (!csv && !"ndjson".equals(format) && !"parquet".equals(format)) {
            throw ApiException.invalid("format", "must be csv, ndjson or parquet");
        }
        if ("parquet".equals(format)) {
            response.setContentType("application/vnd.apache.parquet");
            response.setHeader("Content-Disposition", "attachment; filename=\"" + table + ".parquet\"");
            OutputStream out = response.getOutputStream();
            jdbc.sql(sql + " where mode = :mode order by id").param("mode", mode.wire()).query((ResultSetExtractor<Long>) rs -> {
                try {
                    return ParquetExport.write(rs, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            return;
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(csv ? "text/csv" : "application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + table + "." + format + "\"");
        PrintWriter out = response.getWriter();
        boolean[] header = {false};
        jdbc.sql(sql + " where mode = :mode order by id").param("mode", mode.wire()).query((ResultSet rs) -> {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            if (csv && !header[0]) {
                header[0] = true;
                for (int i = 1; i <= n; i++) {
                    out.print((i > 1 ? "," : "") + meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
                }
                out.print("\r\n");
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                if (v instanceof java.sql.Timestamp || meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT).contains("time zone")
                        || meta.getColumnTypeName(i).toLowerCase(java.util.Locale.ROOT).contains("timestamptz")) {
                    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                    v = t == null ? null : t.toInstant().toString();
                } else if (v instanceof java.sql.Date d) {
                    v = d.toLocalDate().toString();
                }
                row.put(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), v);
            }
            if (csv) {
                out.print(String.join(",", row.values().stream().map(Csv::escape).toList()) + "\r\n");
            } else {
                out.print(json.writeValueAsString(row) + "\n");
            }
        });
        if (csv && !header[0]) {
            out.print("(no rows)\r\n");
        }
        out.flush();
    }

    static List<String> tables() {
        return TABLES.keySet().stream().sorted().toList();
    }
}
