package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Deal registrations")
class OpportunitiesApi {

    record OpportunityBody(@NotBlank @Size(max = 200) String company, @NotBlank @Size(max = 253) String domain,
            @Size(max = 40) String stage) {
    }

    private final DealRegistrations registrations;

    OpportunitiesApi(DealRegistrations registrations) {
        this.registrations = registrations;
    }

    @PostMapping("/api/v1/opportunities")
    @Operation(summary = "Record an open opportunity of the owner's own pipeline", description = "Owner keys. Partner registrations of the "
            + "same normalised domain get an `open_opportunity` conflict. Typically sent by the CRM integration.")
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody OpportunityBody body, Caller caller) {
        caller.requireOwner();
        String domain = Domains.normalize(body.domain());
        if (!Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be a domain name such as acme.com");
        }
        String stage = body.stage() == null ? "open" : body.stage();
        String id = registrations.createOpportunity(caller.mode(), body.company().trim(), domain, stage);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "object", "opportunity", "company", body.company().trim(),
                "domain", domain, "stage", stage));
    }
}
