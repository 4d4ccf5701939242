package dev.flywheel.identity;

import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Customer accounts", description = "The product's customer accounts, as the product knows them")
class AccountsApi {

    record AccountBody(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 253) String domain,
            @Size(max = 100) String segment,
            LocalDate signupDate,
            Map<String, Object> attributes) {
    }

    record AccountView(String id, String object, String externalId, String name, String domain, String segment,
            LocalDate signupDate, Map<String, Object> attributes, String mode, Instant createdAt, Instant updatedAt) {
    }

    private final Organizations organizations;
    private final JsonMapper json;

    AccountsApi(Organizations organizations, JsonMapper json) {
        this.organizations = organizations;
        this.json = json;
    }

    @PutMapping("/{externalId}")
    @Operation(summary = "Create or update a customer account",
            description = "Idempotent upsert keyed by the product's own account id, in the calling key's mode. "
                    + "Answers 201 when the account was created and 200 when it was updated. Owner keys only.")
    ResponseEntity<AccountView> upsert(@PathVariable String externalId, @Valid @RequestBody AccountBody body, Caller caller) {
        caller.requireOwner();
        if (externalId.isBlank() || externalId.length() > 200) {
            throw ApiException.invalid("external_id", "must be 1 to 200 characters");
        }
        String domain = Domains.normalize(body.domain());
        if (domain != null && !Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be a domain name such as acme.com");
        }
        String attributes = body.attributes() == null ? null : json.writeValueAsString(body.attributes());
        Organizations.Upserted result = organizations.upsertAccount(caller.mode(), externalId,
                new Organizations.AccountData(body.name(), domain, body.segment(), body.signupDate(), attributes));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(result.account()));
    }

    @GetMapping("/{externalId}")
    @Operation(summary = "Get a customer account by the product's id")
    AccountView get(@PathVariable String externalId, Caller caller) {
        caller.requireOwner();
        return organizations.findAccount(caller.mode(), externalId).map(this::view)
                .orElseThrow(() -> ApiException.notFound("customer account", externalId));
    }

    @GetMapping
    @Operation(summary = "List customer accounts", description = "Newest first, cursor-paged; `q` searches name, domain and external id.")
    CursorPage<AccountView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, @RequestParam(required = false) String q,
            Caller caller) {
        caller.requireOwner();
        return organizations.accounts(caller.mode(), q, PageQuery.of(limit, startingAfter)).map(this::view);
    }

    @SuppressWarnings("unchecked")
    private AccountView view(Organization a) {
        Map<String, Object> attributes = a.attributes() == null ? null : json.readValue(a.attributes(), Map.class);
        return new AccountView(a.id(), "account", a.externalId(), a.name(), a.domain(), a.segment(), a.signedUpOn(), attributes,
                a.mode().wire(), a.createdAt(), a.updatedAt());
    }
}
