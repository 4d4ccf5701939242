package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fact tables for spreadsheets and warehouses (see {@link FactExports}). */
@RestController
@RequestMapping("/api/v1/insights/exports")
@Tag(name = "Insights: exports", description = "Fact tables as CSV, NDJSON or Parquet")
class ExportsApi {

    private final FactExports exports;

    ExportsApi(FactExports exports) {
        this.exports = exports;
    }

    @GetMapping("/{table}.{format}")
    @Operation(summary = "Export a fact table", description = """
            Tables: mrr-changes, touchpoints, opportunities, installs, partner-activity, gmv. Formats: csv, ndjson, parquet
            (GZIP pages; text as STRING, amounts and counts as INT64, dates as DATE, timestamps as TIMESTAMP(MICROS, UTC)).
            Owner only; the key's mode (live or test) picks the rows. Example: GET /api/v1/insights/exports/touchpoints.parquet""")
    void export(@PathVariable String table, @PathVariable String format, Caller caller, HttpServletResponse response) throws IOException {
        caller.requireOwner();
        exports.write(table, format, caller.mode(), response);
    }
}
