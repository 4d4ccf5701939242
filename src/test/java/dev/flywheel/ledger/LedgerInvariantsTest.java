package dev.flywheel.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Property-based test of the money invariants, as seeded randomized sequences (plain JUnit, one
 * run per seed; a failing seed reproduces exactly): random sales (commissions, some flagged for
 * review), reviews, hold releases, refunds (clawbacks, some larger than what is left), tax
 * profiles and payout batches, against the real ledger and database. After every step the books
 * balance to zero in every currency and each payee's balances reconcile with what happened.
 */
@Tag("database")
class LedgerInvariantsTest extends IntegrationTest {

    private static final List<String> CURRENCIES = List.of("USD", "EUR", "JPY");

    @Autowired
    Ledger ledger;

    /** What the test expects, per payee and currency. */
    private static final class Expected {
        long earned;
        long clawedBack;
        long voided;
        long paid;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1337, 20261120})
    void randomSequencesOfSalesRefundsAndPayoutsAlwaysReconcile(long seed) {
        Random random = new Random(seed);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> payees = List.of("prt_inv" + run + "a", "prt_inv" + run + "b", "prt_inv" + run + "c");
        Map<String, Expected> expected = new HashMap<>();
        List<String> commissionIds = new ArrayList<>();
        int year = 2200 + random.nextInt(7000);
        int batches = 0;

        for (int step = 0; step < 60; step++) {
            int op = random.nextInt(100);
            String payee = payees.get(random.nextInt(payees.size()));
            if (op < 35 || commissionIds.isEmpty()) {
                String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
                long amount = 1 + random.nextInt(random.nextBoolean() ? 20_000 : 2_000_000);
                boolean flagged = random.nextInt(5) == 0;
                Commission c = ledger.recordCommission(new CommissionEarned(run + "-sale-" + step, payee, Mode.LIVE, Money.of(amount, currency),
                        "sale " + step, Instant.now(), flagged ? "flagged by test" : null));
                commissionIds.add(c.id());
                expectation(expected, payee, currency).earned += amount;
            } else if (op < 45) {
                Commission c = ledger.commission(commissionIds.get(random.nextInt(commissionIds.size()))).orElseThrow();
                if (c.status() == CommissionStatus.PENDING) {
                    boolean approve = random.nextBoolean();
                    ledger.reviewCommission(c.id(), approve);
                    if (!approve) {
                        expectation(expected, c.holderId(), c.amount().currency()).voided += c.remaining().amount();
                    }
                } else {
                    assertThatThrownBy(() -> ledger.reviewCommission(c.id(), true)).isInstanceOf(IllegalStateException.class);
                }
            } else if (op < 60) {
                ledger.releaseDue(Instant.now().plus(Duration.ofDays(31)));
            } else if (op < 80) {
                Commission c = ledger.commission(commissionIds.get(random.nextInt(commissionIds.size()))).orElseThrow();
                long left = c.remaining().amount();
                long amount = 1 + (long) (random.nextDouble() * (left + 100)); // sometimes more than is left
                String reference = run + "-refund-" + step;
                if (c.status() == CommissionStatus.VOID || amount > left) {
                    assertThatThrownBy(() -> ledger.clawback(c.id(), Money.of(amount, c.amount().currency()), reference, "refund"))
                            .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class);
                } else {
                    ledger.clawback(c.id(), Money.of(amount, c.amount().currency()), reference, "refund");
                    // The same refund reported twice takes the money back once.
                    ledger.clawback(c.id(), Money.of(amount, c.amount().currency()), reference, "refund");
                    expectation(expected, c.holderId(), c.amount().currency()).clawedBack += amount;
                }
            } else if (op < 88) {
                ledger.savePayoutProfile(payee, PayoutProfile.TaxForm.W9, "Payee " + payee, "US", "ACCT-" + payee);
            } else {
                YearMonth period = YearMonth.of(year, 1 + (batches++ % 12));
                if (batches % 12 == 0) {
                    year++;
                }
                PayoutBatch batch = ledger.runPayoutBatch(period);
                PayoutBatch again = ledger.runPayoutBatch(period);
                assertThat(again.payouts()).isEqualTo(batch.payouts());
                for (PayoutBatch.Payout p : batch.payouts()) {
                    assertThat(p.amount().amount()).isPositive();
                    if (p.paid() && payees.contains(p.holderId())) {
                        expectation(expected, p.holderId(), p.amount().currency()).paid += p.amount().amount();
                    }
                }
            }
            assertInvariants(payees, expected, commissionIds, seed, step);
        }
    }

    private void assertInvariants(List<String> payees, Map<String, Expected> expected, List<String> commissionIds, long seed, int step) {
        String where = "seed " + seed + " step " + step;
        assertThat(ledger.trialBalance()).as(where + ": every currency sums to zero").allMatch(m -> m.amount() == 0);
        Map<String, long[]> fromCommissions = new HashMap<>();
        for (String id : commissionIds) {
            Commission c = ledger.commission(id).orElseThrow();
            assertThat(c.clawedBack().amount()).as(where).isBetween(0L, c.amount().amount());
            long[] s = fromCommissions.computeIfAbsent(c.holderId() + "/" + c.amount().currency(), k -> new long[2]);
            if (c.status() == CommissionStatus.PENDING) {
                s[0] += c.remaining().amount();
            } else if (c.status() == CommissionStatus.HELD) {
                s[1] += c.remaining().amount();
            }
        }
        for (String payee : payees) {
            Map<String, Map<String, Long>> balances = new HashMap<>();
            for (Balance b : ledger.balances(payee, Mode.LIVE)) {
                balances.computeIfAbsent(b.amount().currency(), c -> new HashMap<>()).put(b.bucket(), b.amount().amount());
            }
            for (String currency : CURRENCIES) {
                Expected e = expectation(expected, payee, currency);
                Map<String, Long> got = balances.getOrDefault(currency, Map.of());
                long pending = got.getOrDefault("pending", 0L);
                long held = got.getOrDefault("held", 0L);
                long available = got.getOrDefault("available", 0L);
                long paid = got.getOrDefault("paid", 0L);
                String what = where + " " + payee + " " + currency;
                assertThat(pending + held + available + paid).as(what + ": all states = earned - refunded - voided")
                        .isEqualTo(e.earned - e.clawedBack - e.voided);
                assertThat(paid).as(what + ": paid = sum of payouts").isEqualTo(e.paid);
                long[] s = fromCommissions.getOrDefault(payee + "/" + currency, new long[2]);
                assertThat(pending).as(what + ": pending = remaining of pending commissions").isEqualTo(s[0]);
                assertThat(held).as(what + ": held = remaining of held commissions").isEqualTo(s[1]);
            }
        }
    }

    private static Expected expectation(Map<String, Expected> expected, String payee, String currency) {
        return expected.computeIfAbsent(payee + "/" + currency, k -> new Expected());
    }
}
