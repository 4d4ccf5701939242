package dev.flywheel.insights;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.csv.Csv;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/insights/facts")
@Tag(name = "Insights: data in", description = "MRR changes, touchpoints, opportunities, installs, partner activity and GMV from the product")
class FactsApi {

    private static final String KINDS = "mrr-changes | touchpoints | opportunities | installs | partner-activity | gmv";

    private final FactIntake intake;
    private final InsightsProperties properties;

    FactsApi(FactIntake intake, InsightsProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping(path = "/{kind}", consumes = "application/json")
    @Operation(summary = "Send a batch of facts (JSON)", description = """
            Body: `{"data": [ {...}, ... ]}` with up to 1000 facts of one kind. Every fact carries your own `id` \
            (partner activity is keyed by partner and month, GMV by month): sending a fact again updates it, and \
            sending the same batch twice changes nothing. The whole batch is checked before anything is stored. \
            Kinds and fields:
            - `mrr-changes`: id, account_id, effective_on (date), mrr (minor units, the new monthly amount; 0 = churned), currency
            - `touchpoints`: id, account_id, opportunity_id?, partner_id? (absent = the owner's touch), kind (listing_view, \
            install, referral_click, deal_registration, partner_managed, webinar or your own), occurred_at, person_email?, detail?
            - `opportunities`: id, account_id, name?, status (open|won|lost), amount, currency, created_at, closed_at, created_by_partner_id?
            - `installs`: id, account_id, integration, partner_id?, installed_at, uninstalled_at?
            - `partner-activity`: partner_id, month (YYYY-MM), api_calls, events_received
            - `gmv`: month (YYYY-MM), amount, currency
            Accounts are the product's external ids of customer accounts (PUT /api/v1/accounts/{external_id}). Owner keys only.""")
    FactIntake.Result sendJson(@Parameter(description = KINDS) @PathVariable String kind, @RequestBody JsonNode body, Caller caller) {
        caller.requireOwner();
        FactKind<?> k = kind(kind);
        JsonNode data = body == null ? null : body.get("data");
        if (data == null || !data.isArray()) {
            throw ApiException.invalid("data", "must be an array of facts");
        }
        for (String name : body.propertyNames()) {
            if (!"data".equals(name)) {
                throw ApiException.invalid(name, "is not a member of a batch (send {\"data\": [...]})");
            }
        }
        if (data.size() > properties.maxBatch()) {
            throw ApiException.invalid("data", "must hold at most " + properties.maxBatch() + " facts; split the batch");
        }
        List<FactIntake.IncomingRow> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            String place = "data[" + i + "].";
            if (!item.isObject()) {
                throw ApiException.invalid("data[" + i + "]", "must be an object");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : item.properties()) {
                JsonNode v = e.getValue();
                if (v.isContainer()) {
                    throw ApiException.invalid(place + e.getKey(), "must be a single value");
                }
                fields.put(e.getKey(), v.isNull() ? null : v.isNumber() ? v.numberValue().toString() : v.asString());
            }
            rows.add(new FactIntake.IncomingRow(place, fields));
        }
        return intake.take(k, caller.mode(), rows);
    }

    @PostMapping(path = "/{kind}", consumes = "text/csv")
    @Operation(summary = "Import facts from CSV", description = """
            The same facts as the JSON batch, as CSV with a header line naming the fields (snake_case, any order). \
            Up to 50,000 lines (and the request size limit); checked in full before anything is stored; repeating an \
            import changes nothing. Example for mrr-changes:
            `id,account_id,effective_on,mrr,currency` / `chg-1,cus_42,2025-03-14,4900,USD`""")
    FactIntake.Result sendCsv(@Parameter(description = KINDS) @PathVariable String kind, @RequestBody String body, Caller caller) {
        caller.requireOwner();
        FactKind<?> k = kind(kind);
        return intake.take(k, caller.mode(), csvRows(body, properties.maxCsvRows()));
    }

    static List<FactIntake.IncomingRow> csvRows(String body, int maxRows) {
        List<List<String>> records;
        try {
            records = Csv.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("csv", "is not valid CSV: " + e.getMessage());
        }
        if (records.size() < 2) {
            throw ApiException.invalid("csv", "needs a header line and at least one data line");
        }
        if (records.size() - 1 > maxRows) {
            throw ApiException.invalid("csv", "must have at most " + maxRows + " data lines; split the file");
        }
        List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT)).toList();
        List<FactIntake.IncomingRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() != header.size()) {
                throw ApiException.invalid("line " + (i + 1), "has " + r.size() + " fields but the header has " + header.size());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                fields.put(header.get(c), r.get(c));
            }
            rows.add(new FactIntake.IncomingRow("line " + (i + 1) + ": ", fields));
        }
        return rows;
    }

    private static FactKind<?> kind(String name) {
        FactKind<?> k = FactKind.named(name);
        if (k == null) {
            throw ApiException.notFound("kind of fact", name + "' (use " + KINDS + ")");
        }
        return k;
    }
}
