package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Referral tracking")
class ReferralLeadsApi {

    record ConvertBody(@Size(max = 200) String company, @Size(max = 253) String domain, @NotNull AmountBody estimatedValue,
            @NotNull LocalDate expectedClose) {
    }

    private final Referrals referrals;
    private final ConvertingLeads converting;
    private final DealRegistrationsApi views;

    ReferralLeadsApi(Referrals referrals, ConvertingLeads converting, DealRegistrationsApi views) {
        this.referrals = referrals;
        this.converting = converting;
        this.views = views;
    }

    @GetMapping("/api/v1/referral-leads")
    @Operation(summary = "List partner-sourced referral leads", description = "Newest first, cursor-paged. Owner keys see every partner's "
            + "(filter with `partner_id`), a partner key its own. `registration_id` is set once the owner turned the lead into a deal registration.")
    CursorPage<Referrals.Lead> leads(@RequestParam(name = "partner_id", required = false) String partnerId,
            @RequestParam(required = false) Integer limit, @RequestParam(name = "starting_after", required = false) String startingAfter,
            Caller caller) {
        String partner = caller.isOwner() ? partnerId : caller.organizationId();
        return referrals.leads(partner, caller.mode(), PageQuery.of(limit, startingAfter));
    }

    @PostMapping("/api/v1/referral-leads/{id}/convert")
    @Operation(summary = "Turn a referral lead into a deal registration", description = "Owner keys. Registers the deal for the partner the "
            + "lead is attributed to, with the lead's email as contact; company and domain default to the lead's. The registration gets the "
            + "usual conflict detection and review. A lead converts once (409 after). Example: `{\"estimated_value\":{\"amount\":2400000,"
            + "\"currency\":\"USD\"},\"expected_close\":\"2027-01-31\"}`")
    ResponseEntity<DealRegistrationsApi.RegistrationView> convert(@PathVariable String id, @Valid @RequestBody ConvertBody body, Caller caller) {
        caller.requireOwner();
        referrals.lead(id, caller.mode()).filter(l -> l.partnerId() != null).orElseThrow(() -> ApiException.notFound("partner-sourced referral lead", id));
        DealRegistration d = converting.convert(id, caller, new ConvertingLeads.Conversion(body.company(), body.domain(),
                AmountBody.require(body.estimatedValue(), "estimated_value", true), body.expectedClose()));
        return ResponseEntity.status(HttpStatus.CREATED).body(views.view(d));
    }
}
