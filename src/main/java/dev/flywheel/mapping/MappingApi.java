package dev.flywheel.mapping;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.csv.Csv;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/mapping")
@Tag(name = "Account mapping", description = "Overlap of the owner's and a partner's accounts, shared only as far as each list's policy allows")
class MappingApi {

    record CreatePopulation(@Size(max = 40) String partnerId, @NotBlank @Size(max = 200) String name, @NotNull PopulationKind kind,
            @NotNull SharingPolicy policy, List<String> sharedFields, List<Map<String, String>> records) {
    }

    record Records(@NotNull List<Map<String, String>> records) {
    }

    record PolicyBody(@NotNull SharingPolicy policy, List<String> sharedFields) {
    }

    record PopulationView(String id, String object, String partnerId, String side, boolean own, String name, String kind, String policy,
            List<String> sharedFields, long records, Long skipped, Instant loadedAt) {
    }

    record CellView(String ownerPopulationId, String partnerPopulationId, long overlap, boolean coSellPriority) {
    }

    record MatrixView(String object, String partnerId, List<PopulationView> ownerPopulations, List<PopulationView> partnerPopulations,
            List<CellView> cells, Long mutualCustomers, String mutualCustomersText) {
    }

    private final AccountMapping mapping;

    MappingApi(AccountMapping mapping) {
        this.mapping = mapping;
    }

    @PostMapping(path = "/populations", consumes = "application/json")
    @Operation(summary = "Create a population", description = """
            A list of accounts (customers, opportunities, prospects or custom) for one partnership, with its sharing policy for the \
            other side: hidden, counts, overlaps (with `shared_fields`) or everything. The owner names the partner (`partner_id`); a \
            partner key always maps with the owner. `records` (optional) are objects with `domain` and/or `email` plus any fields \
            (e.g. name, stage); they are matched on the normalised domain or the email's domain (free mail ignored) and stored only \
            as a keyed hash plus sealed fields.""")
    ResponseEntity<PopulationView> create(@Valid @RequestBody CreatePopulation body, Caller caller) {
        Population p = mapping.create(caller, body.partnerId(), body.name(), body.kind(), body.policy(), body.sharedFields(), body.records());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(p, caller));
    }

    @PutMapping(path = "/populations/{id}/records", consumes = "application/json")
    @Operation(summary = "Load a population's accounts (JSON)", description = "Replaces every account of the population and recounts overlaps. `{\"records\": [{\"domain\": \"acme.com\", \"name\": \"Acme\"}]}`")
    PopulationView load(@PathVariable String id, @Valid @RequestBody Records body, Caller caller) {
        return view(mapping.load(caller, id, body.records()), caller);
    }

    @PutMapping(path = "/populations/{id}/records", consumes = "text/csv")
    @Operation(summary = "Load a population's accounts (CSV)", description = "Same as the JSON load; a header line names the fields, e.g. `name,domain,email,stage`.")
    PopulationView loadCsv(@PathVariable String id, @RequestBody String body, Caller caller) {
        return view(mapping.load(caller, id, csv(body)), caller);
    }

    @PutMapping("/populations/{id}/policy")
    @Operation(summary = "Change what the other side may see of a population")
    PopulationView policy(@PathVariable String id, @Valid @RequestBody PolicyBody body, Caller caller) {
        return view(mapping.setPolicy(caller, id, body.policy(), body.sharedFields()), caller);
    }

    @GetMapping("/populations")
    @Operation(summary = "List populations of a partnership", description = "The caller's own populations and the other side's that are not hidden.")
    Map<String, Object> list(@RequestParam(name = "partner_id", required = false) String partnerId, Caller caller) {
        List<PopulationView> out = mapping.visible(caller, partnerId).stream().map(p -> view(p, caller)).toList();
        return Map.of("object", "list", "data", out, "has_more", false);
    }

    @GetMapping("/overlaps")
    @Operation(summary = "Overlap matrix", description = """
            Owner populations × partner populations with the number of accounts in both (the same number on both sides), \
            `co_sell_priority` where the overlap is at least 20% of the partner's customers, and the mutual customers figure.""")
    MatrixView overlaps(@RequestParam(name = "partner_id", required = false) String partnerId, Caller caller) {
        AccountMapping.Matrix m = mapping.matrix(caller, partnerId);
        return new MatrixView("overlap_matrix", m.partnerId(), m.ownerPopulations().stream().map(p -> view(p, caller)).toList(),
                m.partnerPopulations().stream().map(p -> view(p, caller)).toList(),
                m.cells().stream().map(c -> new CellView(c.ownerPopulationId(), c.partnerPopulationId(), c.overlap(), c.coSellPriority())).toList(),
                m.mutualCustomers(), m.mutualCustomers() == null ? null : m.mutualCustomers() + " mutual customers");
    }

    @GetMapping("/populations/{id}/accounts")
    @Operation(summary = "Accounts of a population, as far as its policy allows", description = """
            Own populations: every account and field. The other side's: refused for hidden and counts; under `overlaps` only the \
            accounts also in your population `against`, with the chosen fields; under `everything` all of them. Cursor-paged.""")
    CursorPage<AccountMapping.Account> accounts(@PathVariable String id, @RequestParam(required = false) String against,
            @RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String startingAfter,
            Caller caller) {
        return mapping.accounts(caller, id, against, PageQuery.of(limit, startingAfter));
    }

    record PersonBody(@NotBlank @jakarta.validation.constraints.Email String email) {
    }

    @PostMapping("/privacy/export")
    @Operation(summary = "Export one person's data held by account mapping", description = "Records of every population whose email is this person's. Owner admins only.")
    Map<String, Object> exportPerson(@Valid @RequestBody PersonBody body, Caller caller) {
        caller.requireOwnerAdmin();
        return Map.of("object", "privacy_export", "module", "mapping", "records", mapping.personData(body.email()));
    }

    @PostMapping("/privacy/erase")
    @Operation(summary = "Erase one person's data held by account mapping", description = "Drops the email (and any field holding it) from their records; overlap counts stay the same. Logged.")
    Map<String, Object> erasePerson(@Valid @RequestBody PersonBody body, Caller caller) {
        caller.requireOwnerAdmin();
        return Map.of("object", "privacy_erasure", "module", "mapping", "records", mapping.erase(caller, body.email()));
    }

    private static PopulationView view(Population p, Caller caller) {
        boolean own = p.side() == AccountMapping.sideOf(caller);
        return new PopulationView(p.id(), "population", p.partnerId(), p.side().wire(), own, p.name(), p.kind().wire(), p.policy().wire(),
                p.sharedFields(), p.records(), own ? p.skipped() : null, p.loadedAt());
    }

    static List<Map<String, String>> csv(String body) {
        List<List<String>> records;
        try {
            records = Csv.parse(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("csv", "is not valid CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw ApiException.invalid("csv", "needs a header line");
        }
        List<String> header = records.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.size() != header.size()) {
                throw ApiException.invalid("line " + (i + 1), "has " + r.size() + " fields but the header has " + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c).trim(), r.get(c));
            }
            out.add(m);
        }
        return out;
    }
}
