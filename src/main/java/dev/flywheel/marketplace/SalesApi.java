package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace")
@Tag(name = "Marketplace revenue", description = "The owner's fee schedule and the sales of paid apps, split into GMV, partner share and fee")
class SalesApi {

    record SaleBody(String listingId, String accountId, String plan, Integer seats, Instant occurredAt) {
    }

    record PortionView(long amount, BigDecimal rate, String basis) {
    }

    record SaleView(String id, String object, String listingId, String partnerId, String accountId, String plan, int seats, String currency,
            long gmv, long platformFee, long partnerShare, List<PortionView> portions, Instant occurredAt) {
    }

    record TierBody(Long upTo, BigDecimal rate) {
    }

    record ScheduleBody(String currency, BigDecimal flatRate, List<TierBody> lifetimeTiers, List<TierBody> yearlyTiers,
            BigDecimal firstYearRate) {
    }

    private final Sales sales;

    SalesApi(Sales sales) {
        this.sales = sales;
    }

    @GetMapping("/fee-schedule")
    @Operation(summary = "The fee schedule in force", description = "Owner keys. Rates are the platform's share (0.30 = 30%); amounts in minor units.")
    ScheduleBody schedule(Caller caller) {
        caller.requireOwner();
        return view(sales.schedule());
    }

    @PutMapping("/fee-schedule")
    @Operation(summary = "Set the fee schedule",
            description = "Owner admins. Flat rate, or progressive tiers over a partner's lifetime or yearly sales (e.g. 0% up to "
                    + "100000000 cents then 15%), optionally a first-year rate. Applies to sales recorded from now on.")
    ScheduleBody setSchedule(@RequestBody ScheduleBody body, Caller caller) {
        FeeSchedule schedule = new FeeSchedule(body.currency() == null ? "USD" : body.currency(), body.flatRate(),
                tiers(body.lifetimeTiers()), tiers(body.yearlyTiers()), body.firstYearRate());
        return view(sales.setSchedule(caller, schedule));
    }

    @PostMapping("/sales")
    @Operation(summary = "Record a sale of an installed app",
            description = "Owner keys (the product's billing). The plan's monthly charge (times seats for per-seat plans) is the GMV; "
                    + "the fee schedule splits it into the platform fee and the partner's share, which are posted to the revenue-share ledger.")
    ResponseEntity<SaleView> record(@RequestBody SaleBody body, Caller caller) {
        Sales.Sale sale = sales.record(caller, body.listingId(), body.accountId(), body.plan(), body.seats(), body.occurredAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(new SaleView(sale.id(), "sale", sale.listingId(), sale.partnerId(), sale.accountId(),
                sale.planName(), sale.seats(), sale.gmv().currency(), sale.gmv().amount(), sale.fee().amount(), sale.partnerShare().amount(),
                sale.portions().stream().map(p -> new PortionView(p.amount().amount(), p.rate(), p.basis())).toList(), sale.occurredAt()));
    }

    private static List<FeeSchedule.Tier> tiers(List<TierBody> tiers) {
        return tiers == null ? List.of() : tiers.stream().map(t -> new FeeSchedule.Tier(t.upTo(), t.rate())).toList();
    }

    private static ScheduleBody view(FeeSchedule s) {
        return new ScheduleBody(s.currency(), s.flatRate(), s.lifetimeTiers().stream().map(t -> new TierBody(t.upTo(), t.rate())).toList(),
                s.yearlyTiers().stream().map(t -> new TierBody(t.upTo(), t.rate())).toList(), s.firstYearRate());
    }
}
