package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Money;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Co-marketing", description = "Assets made with partners and market development funds: budget → request → claim with proof → approval → paid")
class CoMarketingApi {

    record AssetBody(@NotBlank String kind, @NotBlank @Size(max = 200) String title, @Size(max = 2000) String url, LocalDate liveOn) {
    }

    record AssetView(String id, String object, String partnerId, String kind, String title, String url, LocalDate liveOn, String createdBy,
            Instant createdAt) {
    }

    record BudgetBody(@NotNull AmountBody amount) {
    }

    record BudgetView(String id, String object, String partnerId, String period, Money amount, Money committed, Money paid, Money remaining) {
    }

    record FundRequestBody(@NotBlank String period, @NotBlank @Size(max = 500) String activity, @NotNull AmountBody amount) {
    }

    record DecisionBody(@Size(max = 1000) String reason) {
    }

    record ClaimBody(@NotBlank @Size(max = 2000) String proofUrl, AmountBody amount, @Size(max = 1000) String note) {
    }

    record FundRequestView(String id, String object, String partnerId, String period, String activity, Money amount, String status,
            Money claimedAmount, String proofUrl, String claimNote, String decidedBy, String decisionReason, String ledgerTransactionId,
            Instant createdAt, Instant updatedAt) {
    }

    private final PartnerCoMarketing coMarketing;
    private final Organizations organizations;

    CoMarketingApi(PartnerCoMarketing coMarketing, Organizations organizations) {
        this.coMarketing = coMarketing;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/partners/{id}/co-marketing-assets")
    @Operation(summary = "Record a co-marketing asset", description = "The partner itself or owner keys. `kind`: case_study, webinar, "
            + "landing_page, joint_listing; `live_on` empty while planned. Example: `{\"kind\":\"webinar\",\"title\":\"Automating invoices "
            + "with Acme\",\"url\":\"https://acme.example/webinar\",\"live_on\":\"2026-12-01\"}`")
    ResponseEntity<AssetView> addAsset(@PathVariable String id, @Valid @RequestBody AssetBody body, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        PartnerCoMarketing.Asset a = coMarketing.addAsset(partner.id(), assetKind(body.kind()), body.title(), body.url(), body.liveOn(),
                caller.label());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(a));
    }

    @GetMapping("/api/v1/partners/{id}/co-marketing-assets")
    @Operation(summary = "A partner's co-marketing assets", description = "Newest first, cursor-paged.")
    CursorPage<AssetView> assets(@PathVariable String id, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        return coMarketing.assets(visiblePartner(id, caller).id(), PageQuery.of(limit, startingAfter)).map(CoMarketingApi::view);
    }

    @PutMapping("/api/v1/partners/{id}/fund-budgets/{period}")
    @Operation(summary = "Set a partner's market development budget for a quarter", description = "Owner keys. `period` is a quarter "
            + "such as 2026-Q4; one budget per partner, quarter and currency. It cannot be set below what requests already draw on it. "
            + "Example: `{\"amount\":{\"amount\":500000,\"currency\":\"USD\"}}`")
    BudgetView setBudget(@PathVariable String id, @PathVariable String period, @Valid @RequestBody BudgetBody body, Caller caller) {
        caller.requireOwner();
        Organization partner = visiblePartner(id, caller);
        Money amount = AmountBody.require(body.amount(), "amount", false);
        PartnerCoMarketing.Budget b = coMarketing.setBudget(partner.id(), period, amount, caller.label());
        return coMarketing.budgets(partner.id()).stream().filter(u -> u.budget().id().equals(b.id())).map(CoMarketingApi::view).findFirst()
                .orElseThrow();
    }

    @GetMapping("/api/v1/partners/{id}/fund-budgets")
    @Operation(summary = "A partner's market development budgets", description = "Most recent quarters first (up to 40), with what requests "
            + "commit, what was paid and what remains.")
    List<BudgetView> budgets(@PathVariable String id, Caller caller) {
        return coMarketing.budgets(visiblePartner(id, caller).id()).stream().map(CoMarketingApi::view).toList();
    }

    @PostMapping("/api/v1/fund-requests")
    @Operation(summary = "Request market development funds", description = "Partner keys. Draws on the partner's budget of the quarter in the "
            + "amount's currency; refused when it is more than what remains. Example: `{\"period\":\"2026-Q4\",\"activity\":\"Joint webinar "
            + "on invoicing\",\"amount\":{\"amount\":150000,\"currency\":\"USD\"}}`")
    ResponseEntity<FundRequestView> request(@Valid @RequestBody FundRequestBody body, Caller caller) {
        if (caller.organizationKind() != OrganizationKind.PARTNER) {
            throw ApiException.forbidden("Market development funds are requested by partners, with a partner's API key.");
        }
        Money amount = AmountBody.require(body.amount(), "amount", true);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(view(coMarketing.request(caller.organizationId(), body.period(), body.activity(), amount)));
    }

    @GetMapping("/api/v1/fund-requests")
    @Operation(summary = "List market development fund requests", description = "Newest first, cursor-paged. Owner keys see every "
            + "partner's (filter with `partner_id`), a partner key its own. `status`: requested, approved, declined, claimed, claim_approved, "
            + "claim_rejected, paid.")
    CursorPage<FundRequestView> requests(@RequestParam(name = "partner_id", required = false) String partnerId,
            @RequestParam(required = false) String status, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        String partner = caller.isOwner() ? partnerId : caller.organizationId();
        return coMarketing.requests(partner, status == null ? null : status(status), PageQuery.of(limit, startingAfter)).map(CoMarketingApi::view);
    }

    @GetMapping("/api/v1/fund-requests/{id}")
    @Operation(summary = "A market development fund request")
    FundRequestView request(@PathVariable String id, Caller caller) {
        return view(visible(id, caller));
    }

    @PostMapping("/api/v1/fund-requests/{id}/approve")
    @Operation(summary = "Approve a fund request", description = "Owner keys; reserves the money in the budget. Only a requested one.")
    FundRequestView approve(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(coMarketing.approve(visible(id, caller).id(), caller.label(), body == null ? null : body.reason()));
    }

    @PostMapping("/api/v1/fund-requests/{id}/decline")
    @Operation(summary = "Decline a fund request", description = "Owner keys; the money goes back to the budget.")
    FundRequestView decline(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(coMarketing.decline(visible(id, caller).id(), caller.label(), body == null ? null : body.reason()));
    }

    @PostMapping("/api/v1/fund-requests/{id}/claim")
    @Operation(summary = "Claim approved funds with proof", description = "The partner's key. `proof_url` shows the activity happened "
            + "(recording, invoice, page); `amount` may be less than approved (default: all of it), never more. Example: "
            + "`{\"proof_url\":\"https://acme.example/webinar-recording\",\"amount\":{\"amount\":120000,\"currency\":\"USD\"}}`")
    FundRequestView claim(@PathVariable String id, @Valid @RequestBody ClaimBody body, Caller caller) {
        PartnerCoMarketing.FundRequest r = visible(id, caller);
        if (caller.organizationKind() != OrganizationKind.PARTNER) {
            throw ApiException.forbidden("Claims are made by the partner, with its own API key.");
        }
        Money amount = body.amount() == null ? null : AmountBody.require(body.amount(), "amount", true);
        return view(coMarketing.claim(r.id(), caller.organizationId(), body.proofUrl(), amount, body.note()));
    }

    @PostMapping("/api/v1/fund-requests/{id}/approve-claim")
    @Operation(summary = "Approve a claim", description = "Owner keys, after checking the proof.")
    FundRequestView approveClaim(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(coMarketing.approveClaim(visible(id, caller).id(), caller.label(), body == null ? null : body.reason()));
    }

    @PostMapping("/api/v1/fund-requests/{id}/reject-claim")
    @Operation(summary = "Reject a claim", description = "Owner keys; the money goes back to the budget and nothing is paid.")
    FundRequestView rejectClaim(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(coMarketing.rejectClaim(visible(id, caller).id(), caller.label(), body == null ? null : body.reason()));
    }

    @PostMapping("/api/v1/fund-requests/{id}/pay")
    @Operation(summary = "Pay an approved claim", description = "Owner admin keys. Posts a ledger transaction (`mdf.paid`, from the owner's "
            + "`mdf_expense` to the partner's `mdf_received`) once per request; its id is returned as `ledger_transaction_id`.")
    FundRequestView pay(@PathVariable String id, Caller caller) {
        caller.requireOwnerAdmin();
        return view(coMarketing.pay(visible(id, caller).id(), caller.label()));
    }

    static PartnerCoMarketing.AssetKind assetKind(String kind) {
        try {
            return PartnerCoMarketing.AssetKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("kind", "must be case_study, webinar, landing_page or joint_listing");
        }
    }

    static FundRequestStatus status(String status) {
        try {
            return FundRequestStatus.fromWire(status.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be requested, approved, declined, claimed, claim_approved, claim_rejected or paid");
        }
    }

    private PartnerCoMarketing.FundRequest visible(String id, Caller caller) {
        return coMarketing.find(id).filter(r -> caller.canSee(r.partnerId())).orElseThrow(() -> ApiException.notFound("fund request", id));
    }

    private Organization visiblePartner(String id, Caller caller) {
        return organizations.find(id).filter(o -> o.kind() == OrganizationKind.PARTNER).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound("partner", id));
    }

    static AssetView view(PartnerCoMarketing.Asset a) {
        return new AssetView(a.id(), "co_marketing_asset", a.partnerId(), a.kind().wire(), a.title(), a.url(), a.liveOn(), a.createdBy(),
                a.createdAt());
    }

    static BudgetView view(PartnerCoMarketing.BudgetUse u) {
        return new BudgetView(u.budget().id(), "fund_budget", u.budget().partnerId(), u.budget().period(), u.budget().amount(), u.committed(),
                u.paid(), u.remaining());
    }

    static FundRequestView view(PartnerCoMarketing.FundRequest r) {
        return new FundRequestView(r.id(), "fund_request", r.partnerId(), r.period(), r.activity(), r.amount(), r.status().wire(),
                r.claimedAmount(), r.proofUrl(), r.claimNote(), r.decidedBy(), r.decisionReason(), r.ledgerTransactionId(), r.createdAt(),
                r.updatedAt());
    }
}
