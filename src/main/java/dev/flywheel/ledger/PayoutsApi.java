package dev.flywheel.ledger;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Payouts", description = "Monthly payout batches and their export for the payment rail")
class PayoutsApi {

    record RunBatch(@NotBlank String period) {
    }

    record PayoutView(String id, String partnerId, dev.flywheel.platform.Money amount, String status, String reason, String transactionId,
            String taxForm, String accountLast4) {
    }

    record BatchView(String id, String object, String period, String status, Instant createdAt, Instant completedAt, List<PayoutView> payouts) {
    }

    private final Ledger ledger;
    private final Organizations organizations;

    PayoutsApi(Ledger ledger, Organizations organizations) {
        this.ledger = ledger;
        this.organizations = organizations;
    }

    @PostMapping("/api/v1/payout-batches")
    @Operation(summary = "Run the payout batch of a month", description = "Pays every partner whose available balance reaches the minimum "
            + "payout and who has a tax profile; records why others were skipped. There is one batch per month: running it again "
            + "(from any node, at the same time or later) returns the same batch and pays nobody twice. Answers 201 when this call "
            + "created the batch, 200 when it existed. Owner admins only.")
    ResponseEntity<BatchView> run(@Valid @RequestBody RunBatch body, Caller caller) {
        caller.requireOwnerAdmin();
        var period = LedgerApi.parsePeriod(body.period());
        boolean existed = ledger.payoutBatch(period).isPresent();
        PayoutBatch batch = ledger.runPayoutBatch(period);
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(view(batch));
    }

    @GetMapping("/api/v1/payout-batches/{id}")
    @Operation(summary = "A payout batch with its payouts")
    BatchView get(@PathVariable String id, Caller caller) {
        caller.requireOwner();
        return ledger.payoutBatch(id).map(PayoutsApi::view).orElseThrow(() -> ApiException.notFound("payout batch", id));
    }

    @GetMapping(value = "/api/v1/payout-batches/{id}/payouts.csv", produces = "text/csv")
    @Operation(summary = "Export a batch for the payment rail", description = "CSV, one row per paid payout: payout id, partner id, "
            + "partner name, currency, amount in major units, amount in minor units, tax form, account's last four, ledger transaction.")
    ResponseEntity<String> csv(@PathVariable String id, Caller caller) {
        caller.requireOwnerAdmin();
        PayoutBatch batch = ledger.payoutBatch(id).orElseThrow(() -> ApiException.notFound("payout batch", id));
        StringBuilder out = new StringBuilder("payout_id,partner_id,partner_name,currency,amount,amount_minor,tax_form,account_last4,transaction_id\r\n");
        for (PayoutBatch.Payout p : batch.payouts()) {
            if (!p.paid()) {
                continue;
            }
            String name = organizations.find(p.holderId()).map(o -> o.name()).orElse("");
            out.append(String.join(",", p.id(), p.holderId(), Csv.cell(name), p.amount().currency(), p.amount().toDecimalString(),
                    String.valueOf(p.amount().amount()), p.taxForm(), p.accountLast4(), p.transactionId())).append("\r\n");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payouts-" + batch.period() + ".csv\"")
                .body(out.toString());
    }

    static BatchView view(PayoutBatch b) {
        return new BatchView(b.id(), "payout_batch", b.period(), b.status().wire(), b.createdAt(), b.completedAt(), b.payouts().stream()
                .map(p -> new PayoutView(p.id(), p.holderId(), p.amount(), p.paid() ? "paid" : "skipped", p.reason(), p.transactionId(),
                        p.taxForm(), p.accountLast4()))
                .toList());
    }
}
