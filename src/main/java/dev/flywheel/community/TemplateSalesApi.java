package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/community")
@Tag(name = "Community revenue", description = "Paid templates: prices, purchases reported by the product, refunds, contributors' earnings")
class TemplateSalesApi {

    record PriceBody(Long amount, String currency) {
    }

    record PriceAnswer(String templateId, CommunityApi.PriceView price) {
    }

    record PurchaseBody(String accountId, String reference, Instant occurredAt) {
    }

    record RefundBody(String reason) {
    }

    record PurchaseView(String id, String object, String templateId, int templateVersion, String contributorId, String accountId,
            String reference, String currency, long gmv, long contributorShare, long platformFee, String ledgerTransactionId,
            Instant purchasedAt, Instant refundedAt, String refundReason, String refundTransactionId) {
    }

    record EarningsLine(String currency, long sales, long refunds, long gross, long contributorShare, long refundedShare, long netShare,
            long platformFees) {
    }

    record EarningsView(String contributorId, List<EarningsLine> totals, List<PurchaseView> recentSales) {
    }

    private final TemplateSales sales;

    TemplateSalesApi(TemplateSales sales) {
        this.sales = sales;
    }

    @PutMapping("/templates/{id}/price")
    @Operation(summary = "Set or remove a template's price", description = "The author's organization or the owner. `{\"amount\": 1900, "
            + "\"currency\": \"USD\"}` makes it a $19.00 template; `{\"amount\": null}` makes it free. A paid template's payload is "
            + "withheld from the public gallery and from n8n's library; buyers read and copy it once the product reports the purchase.")
    PriceAnswer setPrice(@PathVariable String id, @RequestBody PriceBody body, Caller caller) {
        Optional<Money> price = sales.setPrice(caller, id, body == null ? null : body.amount(), body == null ? null : body.currency());
        return new PriceAnswer(id, CommunityApi.PriceView.of(price.orElse(null)));
    }

    @PostMapping("/templates/{id}/purchases")
    @Operation(summary = "Record a purchase of a paid template",
            description = "Owner keys (the product's billing), after charging the buyer. `reference` is the product's own id for the charge: "
                    + "the same account and reference record one purchase, however often and however concurrently it is sent (201 the first "
                    + "time, 200 with the same purchase after). The price is split into the contributor's share (flywheel.community."
                    + "contributor-share, default 70%) and the owner's fee, and posted to the ledger once.")
    ResponseEntity<PurchaseView> purchase(@PathVariable String id, @RequestBody PurchaseBody body, Caller caller) {
        if (body == null) {
            throw ApiException.invalid("account_id", "is required, with reference");
        }
        TemplateSales.Recorded r = sales.purchase(caller, id, body.accountId(), body.reference(), body.occurredAt());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view(r.purchase()));
    }

    @GetMapping("/purchases/{id}")
    @Operation(summary = "A purchase", description = "The owner, the buyer or the contributor.")
    PurchaseView get(@PathVariable String id, Caller caller) {
        return sales.find(caller, id).map(TemplateSalesApi::view).orElseThrow(() -> ApiException.notFound("template purchase", id));
    }

    @PostMapping("/purchases/{id}/refund")
    @Operation(summary = "Refund a purchase", description = "Owner admins. The ledger reverses the sale once (the contributor's share leaves "
            + "its available balance; a payout already made is netted by the next one) and the buyer can no longer take copies. "
            + "Refunding again answers 200 with the same purchase.")
    ResponseEntity<PurchaseView> refund(@PathVariable String id, @RequestBody RefundBody body, Caller caller) {
        TemplateSales.Recorded r = sales.refund(caller, id, body == null ? null : body.reason());
        return ResponseEntity.ok(view(r.purchase()));
    }

    @GetMapping("/contributors/{organizationId}/earnings")
    @Operation(summary = "A contributor's earnings from paid templates", description = "That organization or the owner. Per currency: "
            + "sales, refunds, gross, the contributor's share, what refunds took back, and the net; with the 20 latest sales.")
    EarningsView earnings(@PathVariable String organizationId, Caller caller) {
        if (!caller.canSee(organizationId)) {
            throw ApiException.notFound("contributor", organizationId);
        }
        return new EarningsView(organizationId, sales.earnings(organizationId).stream()
                .map(e -> new EarningsLine(e.currency(), e.sales(), e.refunds(), e.gross(), e.contributorShare(), e.refundedShare(), e.netShare(),
                        e.fees()))
                .toList(), sales.recentSalesOf(organizationId, 20).stream().map(TemplateSalesApi::view).toList());
    }

    static PurchaseView view(TemplatePurchase p) {
        return new PurchaseView(p.id(), "template_purchase", p.templateId(), p.templateVersion(), p.authorOrgId(), p.buyerOrgId(), p.reference(),
                p.gmv().currency(), p.gmv().amount(), p.contributorShare().amount(), p.fee().amount(), p.ledgerTransactionId(), p.purchasedAt(),
                p.refundedAt(), p.refundReason(), p.refundTransactionId());
    }
}
