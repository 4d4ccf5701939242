package dev.flywheel.ledger;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("database")
class PayoutBatchTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    PayoutRun payoutRun;

    private static YearMonth somePeriod() {
        return YearMonth.of(2100 + (int) (Math.random() * 7000), 1 + (int) (Math.random() * 12));
    }

    private String availableCommission(String holder, long amount, String currency) {
        Commission c = ledger.recordCommission(new CommissionEarned(UUID.randomUUID().toString(), holder, Mode.LIVE, Money.of(amount, currency),
                "test sale", Instant.now(), null));
        ledger.releaseDue(Instant.now().plus(Duration.ofDays(31)));
        assertThat(ledger.commission(c.id()).orElseThrow().status()).isEqualTo(CommissionStatus.AVAILABLE);
        return c.id();
    }

    private long bucket(String holder, String bucket, String currency) {
        return ledger.balances(holder, Mode.LIVE).stream().filter(b -> b.bucket().equals(bucket) && b.amount().currency().equals(currency))
                .mapToLong(b -> b.amount().amount()).sum();
    }

    @Test
    void theSameBatchRunFromTwoNodesAtOncePaysOnce() throws Exception {
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String holder = "prt_two" + UUID.randomUUID().toString().substring(0, 8);
            holders.add(holder);
            availableCommission(holder, 10_000 + i, "USD");
            ledger.savePayoutProfile(holder, PayoutProfile.TaxForm.W8BEN, "Payee " + i, "DE", "DE89370400440532013" + i);
        }
        YearMonth period = somePeriod();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PayoutBatch>> runs = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            runs.add(pool.submit(() -> {
                start.await();
                return payoutRun.run(period.toString(), Instant.now(), node);
            }));
        }
        start.countDown();
        for (Future<PayoutBatch> run : runs) {
            run.get();
        }
        pool.shutdown();
        // Whichever node lost the claim returned early; run it once more to be sure the batch is complete, then check.
        PayoutBatch batch = ledger.runPayoutBatch(period);
        assertThat(batch.status()).isEqualTo(PayoutBatch.Status.COMPLETED);
        for (int i = 0; i < holders.size(); i++) {
            String holder = holders.get(i);
            assertThat(batch.payouts().stream().filter(p -> p.holderId().equals(holder) && p.paid())).hasSize(1);
            assertThat(bucket(holder, "paid", "USD")).isEqualTo(10_000 + i);
            assertThat(bucket(holder, "available", "USD")).isZero();
        }
        assertThat(ledger.trialBalance()).allMatch(m -> m.amount() == 0);
    }

    @Test
    void aBatchSkipsPayeesWithoutATaxProfileOrBelowTheMinimumAndCarriesThemOver() {
        String noProfile = "prt_nop" + UUID.randomUUID().toString().substring(0, 8);
        String small = "prt_sml" + UUID.randomUUID().toString().substring(0, 8);
        availableCommission(noProfile, 100_000, "USD");
        availableCommission(small, 4_999, "EUR");
        ledger.savePayoutProfile(small, PayoutProfile.TaxForm.W9, "Small", "US", "123456789");
        PayoutBatch batch = ledger.runPayoutBatch(somePeriod());
        PayoutBatch.Payout skipped = batch.payouts().stream().filter(p -> p.holderId().equals(noProfile)).findFirst().orElseThrow();
        assertThat(skipped.paid()).isFalse();
        assertThat(skipped.reason()).contains("tax profile");
        assertThat(batch.payouts().stream().filter(p -> p.holderId().equals(small)).findFirst().orElseThrow().reason())
                .contains("below the minimum payout of 50.00 EUR");
        assertThat(bucket(noProfile, "available", "USD")).isEqualTo(100_000);

        availableCommission(small, 1, "EUR");
        PayoutBatch next = ledger.runPayoutBatch(somePeriod());
        assertThat(next.payouts().stream().filter(p -> p.holderId().equals(small) && p.paid()).findFirst().orElseThrow().amount())
                .isEqualTo(Money.of(5_000, "EUR"));
    }

    @Test
    void aClawbackAfterPayoutMakesTheBalanceNegativeAndIsNettedNextTime() {
        String holder = "prt_clw" + UUID.randomUUID().toString().substring(0, 8);
        String first = availableCommission(holder, 20_000, "USD");
        ledger.savePayoutProfile(holder, PayoutProfile.TaxForm.W9, "Claw", "US", "55555555");
        ledger.runPayoutBatch(somePeriod());
        assertThat(ledger.commission(first).orElseThrow().status()).isEqualTo(CommissionStatus.PAID);

        ledger.clawback(first, Money.of(15_000, "USD"), "refund-" + holder, "customer refunded");
        assertThat(bucket(holder, "available", "USD")).isEqualTo(-15_000);
        assertThat(bucket(holder, "paid", "USD")).isEqualTo(20_000);

        availableCommission(holder, 30_000, "USD");
        PayoutBatch batch = ledger.runPayoutBatch(somePeriod());
        assertThat(batch.payouts().stream().filter(p -> p.holderId().equals(holder)).findFirst().orElseThrow().amount())
                .isEqualTo(Money.of(15_000, "USD"));
        assertThat(bucket(holder, "paid", "USD")).isEqualTo(35_000);
    }

    @Test
    void theBatchApiIsIdempotentAndExportsCsv() {
        String holder = "prt_api" + UUID.randomUUID().toString().substring(0, 8);
        availableCommission(holder, 123_456, "USD");
        ledger.savePayoutProfile(holder, PayoutProfile.TaxForm.W9, "Api", "US", "000012345678");
        String period = somePeriod().toString();
        Api owner = api().as(OWNER_KEY);
        Api.Response first = owner.post("/api/v1/payout-batches", "{\"period\":\"" + period + "\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.text("status")).isEqualTo("completed");
        Api.Response again = owner.post("/api/v1/payout-batches", "{\"period\":\"" + period + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(bucket(holder, "paid", "USD")).isEqualTo(123_456);

        Api.Response csv = owner.get("/api/v1/payout-batches/" + first.text("id") + "/payouts.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("payout_id,partner_id,").contains(holder + ",,USD,1234.56,123456,w9,5678,ltx_");
        assertProblem(owner.post("/api/v1/payout-batches", "{\"period\":\"2026-13\"}"), 400, "/problems/validation");
    }
}
