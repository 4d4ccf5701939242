package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.csv.Csv;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every fact table as CSV (for spreadsheets) or NDJSON (one JSON object per line, for a
 * warehouse), streamed row by row so a large table never sits in memory. Parquet is not offered:
 * the Java Parquet writer pulls in Hadoop, which is too heavy for this server.
 */
@RestController
@RequestMapping("/api/v1/insights/exports")
@Tag(name = "Insights: exports", description = "Fact tables as CSV or NDJSON")
class ExportsApi {

    private static final Map<String, String> TABLES = Map.of(
            "mrr-changes", "select fact_id as id, account_external_id as account_id, effective_on, mrr, currency, recorded_at from insights_mrr_changes",
            "touchpoints", "select fact_id as id, account_external_id as account_id, opportunity_external_id as opportunity_id, partner_id, kind, occurred_at, person_email, detail, recorded_at from insights_touchpoints",
            "opportunities", "select fact_id as id, account_external_id as account_id, name, status, amount, currency, created_on as created_at, closed_at, created_by_partner_id, recorded_at from insights_opportunities",
            "installs", "select fact_id as id, account_external_id as account_id, integration, partner_id, installed_at, uninstalled_at, recorded_at from insights_installs",
            "partner-activity", "select partner_id, activity_month, api_calls, events_received, recorded_at from insights_partner_activity",
            "gmv", "select gmv_month, amount, currency, recorded_at from insights_gmv");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ExportsApi(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping("/{table}.{format}")
    @Operation(summary = "Export a fact table", description = "Tables: mrr-changes, touchpoints, opportunities, installs, partner-activity, gmv. Formats: csv, ndjson. Owner only.")
    void export(@PathVariable String table, @PathVariable String format, Caller caller, HttpServletResponse response) throws IOException {
        caller.requireOwner();
        String sql = TABLES.get(table);
        if (sql == null) {
            throw ApiException.notFound("export", table + " (use " + String.join(", ", TABLES.keySet().stream().sorted().toList()) + ")");
        }
        boolean csv = "csv".equals(format);
        if (!csv && !"ndjson".equals(format)) {
            throw ApiException.invalid("format", "must be csv or ndjson");
        }
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(csv ? "text/csv" : "application/x-ndjson");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + table + "." + format + "\"");
        PrintWriter out = response.getWriter();
        boolean[] header = {false};
        jdbc.sql(sql + " where mode = :mode order by id").param("mode", caller.mode().wire()).query((ResultSet rs) -> {
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
