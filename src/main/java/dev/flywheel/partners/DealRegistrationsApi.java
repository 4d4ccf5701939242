package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Deal registrations", description = "Partners register prospects; the owner approves or rejects them, closes them won or lost, and records refunds")
class DealRegistrationsApi {

    record RegisterBody(@NotBlank @Size(max = 200) String company, @NotBlank @Size(max = 253) String domain,
            @NotBlank @Email @Size(max = 320) String contactEmail, @NotNull AmountBody estimatedValue, @Size(max = 1000) String products,
            @NotNull LocalDate expectedClose) {
    }

    record DecisionBody(@Size(max = 1000) String reason, Integer protectionDays) {
    }

    record ExtendBody(@NotNull Integer days) {
    }

    record CloseBody(@NotBlank String outcome, AmountBody amount, LocalDate closedOn, Integer contractMonths, @Size(max = 100) String vertical,
            @Size(max = 10) List<String> influencedBy) {
    }

    record RefundBody(@NotNull AmountBody amount, @Size(max = 100) String reference) {
    }

    record RevenueBody(@NotNull AmountBody amount, @NotNull LocalDate receivedOn, @NotBlank @Size(max = 80) String reference) {
    }

    record ConflictView(String reason, String detail, String registrationId) {
    }

    record RegistrationView(String id, String object, String partnerId, String mode, String company, String domain, String contactEmail,
            Money estimatedValue, String products, LocalDate expectedClose, String status, List<ConflictView> conflicts, Instant slaDueAt,
            boolean slaOverdue, Integer protectionDays, Instant protectedUntil, Instant decidedAt, String decidedBy, String decisionReason,
            LocalDate closedOn, Money wonValue, Money refunded, boolean paysCommission, Instant createdAt) {
    }

    record CommissionView(String id, String object, String registrationId, String partnerId, String role, String revenue, Money amount,
            String planId, List<String> trace, List<String> flags, String ledgerCommissionId, String status) {
    }

    private final DealRegistrations registrations;
    private final CommissionRecords commissions;
    private final dev.flywheel.ledger.Ledger ledger;
    private final Clock clock;

    DealRegistrationsApi(DealRegistrations registrations, CommissionRecords commissions, dev.flywheel.ledger.Ledger ledger, Clock clock) {
        this.registrations = registrations;
        this.commissions = commissions;
        this.ledger = ledger;
        this.clock = clock;
    }

    @PostMapping("/api/v1/deal-registrations")
    @Operation(summary = "Register a deal", description = "Partner keys. The domain is normalised (`https://www.Acme.com/` = `acme.com`) and "
            + "checked for conflicts: another partner's registration pending or inside its protection window, an existing customer, an "
            + "open opportunity in the owner's pipeline. A registration with conflicts is recorded with them and cannot be approved. "
            + "Amounts are minor units. Example: `{\"company\":\"Acme\",\"domain\":\"acme.com\",\"contact_email\":\"cto@acme.com\","
            + "\"estimated_value\":{\"amount\":12000000,\"currency\":\"USD\"},\"expected_close\":\"2026-12-31\"}`")
    ResponseEntity<RegistrationView> register(@Valid @RequestBody RegisterBody body, Caller caller) {
        if (caller.organizationKind() != OrganizationKind.PARTNER) {
            throw ApiException.forbidden("Deals are registered by partners, with a partner's API key.");
        }
        String domain = Domains.normalize(body.domain());
        if (!Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be a domain name such as acme.com");
        }
        Money value = AmountBody.require(body.estimatedValue(), "estimated_value", true);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (body.expectedClose().isBefore(today) || body.expectedClose().isAfter(today.plusYears(2))) {
            throw ApiException.invalid("expected_close", "must be between today (" + today + ") and two years from now");
        }
        DealRegistration d = registrations.register(caller.organizationId(), caller.mode(), new DealRegistrations.Registering(body.company(),
                domain, body.contactEmail(), value, body.products(), body.expectedClose()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(d));
    }

    @GetMapping("/api/v1/deal-registrations")
    @Operation(summary = "List deal registrations", description = "Newest first, cursor-paged. Owner keys see every partner's (filter with "
            + "`partner_id`), a partner key its own. `status`: submitted, approved, rejected, won, lost, expired.")
    CursorPage<RegistrationView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "partner_id", required = false) String partnerId, @RequestParam(required = false) String status, Caller caller) {
        String partner = caller.isOwner() ? partnerId : caller.organizationId();
        DealStatus s = null;
        if (status != null) {
            try {
                s = DealStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("status", "must be one of submitted, approved, rejected, won, lost, expired");
            }
        }
        return registrations.page(partner, caller.mode(), s, PageQuery.of(limit, startingAfter)).map(this::view);
    }

    @GetMapping("/api/v1/deal-registrations/{id}")
    @Operation(summary = "Get a deal registration")
    RegistrationView get(@PathVariable String id, Caller caller) {
        return view(registrations.visible(id, caller));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/approve")
    @Operation(summary = "Approve a deal registration", description = "Owner keys. Starts the protection window (`protection_days`, 30 to "
            + "180, default 90). Refused with 409 when the registration has conflicts, or when it was decided already — e.g. two managers "
            + "approving at the same moment: one wins, the other gets 409 naming who decided. `reason` is optional.")
    RegistrationView approve(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(guarded(() -> registrations.approve(id, caller, body == null ? null : body.reason(), body == null ? null : body.protectionDays())));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/reject")
    @Operation(summary = "Reject a deal registration", description = "Owner keys; `reason` is optional and shown to the partner.")
    RegistrationView reject(@PathVariable String id, @Valid @RequestBody(required = false) DecisionBody body, Caller caller) {
        caller.requireOwner();
        return view(guarded(() -> registrations.reject(id, caller, body == null ? null : body.reason())));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/extend")
    @Operation(summary = "Extend a protection window", description = "Owner keys; adds 1 to 180 `days` to an approved, still protected registration.")
    RegistrationView extend(@PathVariable String id, @Valid @RequestBody ExtendBody body, Caller caller) {
        caller.requireOwner();
        return view(guarded(() -> registrations.extend(id, caller, body.days())));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/close")
    @Operation(summary = "Close a deal won or lost", description = "Owner keys. `outcome`: won or lost; a won deal needs `amount` (minor "
            + "units, the registration's currency) and may give `closed_on` (default today), `contract_months`, `vertical` and "
            + "`influenced_by` (other partners' ids who share the influenced part of the commission). A deal closed after its protection "
            + "window ended becomes `expired` and pays nothing; a won deal pays by the plan in force on the day it was won.")
    RegistrationView close(@PathVariable String id, @Valid @RequestBody CloseBody body, Caller caller) {
        caller.requireOwner();
        boolean won = switch (body.outcome().toLowerCase(Locale.ROOT)) {
            case "won" -> true;
            case "lost" -> false;
            default -> throw ApiException.invalid("outcome", "must be won or lost");
        };
        Money amount = won ? AmountBody.require(body.amount(), "amount", true) : null;
        if (body.contractMonths() != null && (body.contractMonths() < 1 || body.contractMonths() > 120)) {
            throw ApiException.invalid("contract_months", "must be between 1 and 120");
        }
        return view(guarded(() -> registrations.close(id, caller, new DealRegistrations.Closing(won, amount, body.closedOn(),
                body.contractMonths(), body.vertical(), body.influencedBy()))));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/refunds")
    @Operation(summary = "Record a refund of a won deal", description = "Owner keys. Claws back the same share of every commission of the "
            + "sale, also after payout (the partner's available balance may go negative). Refunds can never exceed the sale: 422.")
    ResponseEntity<RegistrationView> refund(@PathVariable String id, @Valid @RequestBody RefundBody body, Caller caller) {
        caller.requireOwner();
        Money amount = AmountBody.require(body.amount(), "amount", true);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(guarded(() -> registrations.refund(id, caller, amount, body.reference()))));
    }

    @PostMapping("/api/v1/deal-registrations/{id}/revenue")
    @Operation(summary = "Record later revenue of a won deal", description = "Owner keys. Recurring and lifetime plans pay commission on it; "
            + "one-time plans record nothing. The same `reference` twice pays once.")
    ResponseEntity<List<CommissionView>> revenue(@PathVariable String id, @Valid @RequestBody RevenueBody body, Caller caller) {
        caller.requireOwner();
        Money amount = AmountBody.require(body.amount(), "amount", true);
        List<CommissionEngine.Credited> credited = guarded(() -> registrations.revenue(id, caller, body.reference(), amount, body.receivedOn()));
        return ResponseEntity.status(HttpStatus.CREATED).body(credited.stream().map(c -> commissionView(c.record())).toList());
    }

    @GetMapping("/api/v1/deal-registrations/{id}/commissions")
    @Operation(summary = "The commissions of a deal, with the trace of rules that produced each")
    List<CommissionView> commissions(@PathVariable String id, Caller caller) {
        DealRegistration d = registrations.visible(id, caller);
        return commissions.ofRegistration(d.id()).stream().filter(c -> caller.canSee(c.partnerId())).map(this::commissionView).toList();
    }

    CommissionView commissionView(CommissionRecords.PartnerCommission c) {
        String status = c.ledgerCommissionId() == null ? null
                : ledger.commission(c.ledgerCommissionId()).map(l -> l.status().wire()).orElse(null);
        return new CommissionView(c.id(), "commission", c.registrationId(), c.partnerId(), c.role(), c.revenueRef(), c.amount(), c.planId(),
                c.trace(), c.flags(), c.ledgerCommissionId(), status);
    }

    RegistrationView view(DealRegistration d) {
        Instant now = clock.instant();
        return new RegistrationView(d.id(), "deal_registration", d.partnerId(), d.mode().wire(), d.company(), d.domain(), d.contactEmail(),
                d.estimatedValue(), d.products(), d.expectedClose(), d.status().wire(),
                d.conflicts().stream().map(c -> new ConflictView(c.reason(), c.detail(), c.registrationId())).toList(), d.slaDueAt(),
                d.isOverdue(now), d.protectionDays(), d.protectedUntil(), d.decidedAt(), d.decidedBy(), d.decisionReason(), d.closedOn(),
                d.wonValue(), Money.of(d.refunded(), d.estimatedValue().currency()), d.status() == DealStatus.WON, d.createdAt());
    }

    /** Two people acting on one registration at once: the database may refuse the second one's lock; that is a conflict, not an error. */
    private static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (ConcurrencyFailureException e) {
            throw ApiException.conflict("Someone else changed this registration at the same moment. Reload it and try again.");
        }
    }
}
