package dev.flywheel.ledger;

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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Ledger", description = "Partner balances, statements, payout profiles, exchange rates and corrections")
class LedgerApi {

    record CurrencyBalance(String currency, long pending, long held, long available, long paid) {
    }

    record BalanceView(String object, String partnerId, String mode, List<CurrencyBalance> balances) {
    }

    record EntryView(String id, String object, String transactionId, String bucket, Money amount, Instant occurredAt) {
    }

    record PayoutProfileBody(@NotNull PayoutProfile.TaxForm taxForm, @NotBlank @Size(max = 200) String legalName,
            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter ISO country code") String country,
            @NotBlank @Size(min = 4, max = 64) @Pattern(regexp = "[A-Za-z0-9 -]+", message = "must be an account number or IBAN") String account) {
    }

    record PayoutProfileView(String object, String partnerId, String taxForm, String legalName, String country, String accountLast4,
            Instant updatedAt) {
    }

    record ExchangeRateBody(@NotBlank String base, @NotBlank String quote, @NotNull BigDecimal rate, Instant effectiveAt) {
    }

    record ReversalBody(@Size(max = 500) String reason) {
    }

    record ReviewBody(@NotNull Boolean approve) {
    }

    record CommissionView(String id, String object, String reference, String partnerId, String mode, Money amount, Money clawedBack,
            String status, Instant holdUntil, String reviewReason, Instant createdAt) {
        static CommissionView of(Commission c) {
            return new CommissionView(c.id(), "ledger_commission", c.reference(), c.holderId(), c.mode().wire(), c.amount(), c.clawedBack(),
                    c.status().wire(), c.holdUntil(), c.reviewReason(), c.createdAt());
        }
    }

    private final Ledger ledger;
    private final Organizations organizations;
    private final java.time.Clock clock;

    LedgerApi(Ledger ledger, Organizations organizations, java.time.Clock clock) {
        this.ledger = ledger;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/api/v1/partners/{id}/balance")
    @Operation(summary = "A partner's balances", description = "Ledger balances by state (pending, held, available, paid) and currency, "
            + "in minor units, in the calling key's mode. Owner keys, or the partner itself. `available` may be negative after a "
            + "clawback of a paid commission; it is netted against the next earnings.")
    BalanceView balance(@PathVariable String id, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return new BalanceView("balance", partner.id(), caller.mode().wire(), byCurrency(ledger.balances(partner.id(), caller.mode())));
    }

    static List<CurrencyBalance> byCurrency(List<Balance> balances) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Balance b : balances) {
            int index = Buckets.PAYEE_STATES.indexOf(b.bucket());
            if (index >= 0) {
                sums.computeIfAbsent(b.amount().currency(), c -> new long[4])[index] += b.amount().amount();
            }
        }
        List<CurrencyBalance> out = new ArrayList<>();
        sums.forEach((currency, s) -> out.add(new CurrencyBalance(currency, s[0], s[1], s[2], s[3])));
        return out;
    }

    @GetMapping("/api/v1/partners/{id}/ledger-entries")
    @Operation(summary = "A partner's ledger entries", description = "Newest first, cursor-paged. Entries are never changed; corrections appear as new entries.")
    CursorPage<EntryView> entries(@PathVariable String id, @RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return ledger.entries(partner.id(), caller.mode(), PageQuery.of(limit, startingAfter))
                .map(e -> new EntryView(e.id(), "ledger_entry", e.transactionId(), e.bucket(), e.amount(), e.occurredAt()));
    }

    @GetMapping("/api/v1/partners/{id}/statements/{period}")
    @Operation(summary = "A partner's monthly statement", description = "`period` is YYYY-MM (UTC). Opening balances plus the lines equal the closing balances.")
    Statement statement(@PathVariable String id, @PathVariable String period, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return ledger.statement(partner.id(), caller.mode(), parsePeriod(period));
    }

    @PutMapping("/api/v1/partners/{id}/payout-profile")
    @Operation(summary = "Set a partner's tax form and payout account", description = "Required before any payout. Only a fingerprint "
            + "and the last four characters of the account are stored. The partner itself or an owner admin.")
    PayoutProfileView saveProfile(@PathVariable String id, @Valid @RequestBody PayoutProfileBody body, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        if (!caller.isOwnerAdmin() && !caller.organizationId().equals(partner.id())) {
            throw ApiException.forbidden("Only the partner itself or an owner admin may set its payout profile.");
        }
        return view(ledger.savePayoutProfile(partner.id(), body.taxForm(), body.legalName(), body.country(), body.account()));
    }

    @GetMapping("/api/v1/partners/{id}/payout-profile")
    @Operation(summary = "A partner's payout profile")
    PayoutProfileView profile(@PathVariable String id, Caller caller) {
        Organization partner = visiblePartner(id, caller);
        return ledger.payoutProfile(partner.id()).map(LedgerApi::view)
                .orElseThrow(() -> ApiException.notFound("payout profile of partner", partner.id()));
    }

    @PostMapping("/api/v1/exchange-rates")
    @Operation(summary = "Record an exchange rate", description = "`1 base = rate quote` from `effective_at` (default now). Postings "
            + "capture the rate into the reporting currency in force when their event happened. Owner admins only.")
    ResponseEntity<Map<String, Object>> rate(@Valid @RequestBody ExchangeRateBody body, Caller caller) {
        caller.requireOwnerAdmin();
        if (!Money.isKnownCurrency(body.base())) {
            throw ApiException.invalid("base", "must be an ISO 4217 currency code such as EUR");
        }
        if (!Money.isKnownCurrency(body.quote())) {
            throw ApiException.invalid("quote", "must be an ISO 4217 currency code such as USD");
        }
        if (body.rate().signum() <= 0 || body.rate().scale() > 12 || body.rate().precision() - body.rate().scale() > 12) {
            throw ApiException.invalid("rate", "must be a positive number with at most 12 digits before and after the point");
        }
        Instant at = body.effectiveAt() == null ? clock.instant() : body.effectiveAt();
        ledger.recordExchangeRate(body.base(), body.quote(), body.rate(), at);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("object", "exchange_rate", "base", body.base(), "quote", body.quote(),
                "rate", body.rate(), "effective_at", at));
    }

    @PostMapping("/api/v1/ledger/transactions/{id}/reversal")
    @Operation(summary = "Reverse a ledger transaction", description = "Posts the exact opposite entries; the original stays. A transaction "
            + "is reversed at most once. Commission, clawback and payout steps are corrected with clawbacks instead. Owner admins only.")
    ResponseEntity<Map<String, Object>> reverse(@PathVariable String id, @Valid @RequestBody(required = false) ReversalBody body, Caller caller) {
        caller.requireOwnerAdmin();
        try {
            Ledger.Posted posted = ledger.reverse(id, body == null ? null : body.reason());
            return ResponseEntity.status(posted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(Map.of("object", "ledger_transaction", "id", posted.transactionId(), "reverses", id));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("ledger transaction", id);
        } catch (IllegalStateException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    @PostMapping("/api/v1/ledger/commissions/{id}/review")
    @Operation(summary = "Review a commission held by a fraud rule", description = "`approve: true` holds it for the refund window from now; "
            + "`false` voids it and returns the money to the owner. Owner keys only.")
    CommissionView review(@PathVariable String id, @Valid @RequestBody ReviewBody body, Caller caller) {
        caller.requireOwner();
        Commission c = ledger.commission(id).orElseThrow(() -> ApiException.notFound("commission", id));
        try {
            return CommissionView.of(ledger.reviewCommission(c.id(), body.approve()));
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    static YearMonth parsePeriod(String period) {
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("period", "must be a month as YYYY-MM, e.g. 2026-11");
        }
    }

    private Organization visiblePartner(String id, Caller caller) {
        return organizations.find(id).filter(o -> o.kind() == OrganizationKind.PARTNER).filter(o -> caller.canSee(o.id()))
                .orElseThrow(() -> ApiException.notFound("partner", id));
    }

    private static PayoutProfileView view(PayoutProfile p) {
        return new PayoutProfileView("payout_profile", p.holderId(), p.taxForm().wire(), p.legalName(), p.country(), p.accountLast4(), p.updatedAt());
    }
}
