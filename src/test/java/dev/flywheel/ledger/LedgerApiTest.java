package dev.flywheel.ledger;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("database")
class LedgerApiTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private String partner() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return owner().post("/api/v1/partners", "{\"name\":\"Ledger " + tag + "\",\"type\":\"technology\",\"admin_email\":\"l-" + tag + "@example.org\"}")
                .text("id");
    }

    @Test
    void aStatementReconcilesOpeningLinesAndClosing() {
        String p = partner();
        ledger.recordCommission(new CommissionEarned(UUID.randomUUID().toString(), p, Mode.LIVE, Money.of(10_000, "USD"), "sale", Instant.now(), null));
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        Api.Response statement = owner().get("/api/v1/partners/" + p + "/statements/" + period);
        assertThat(statement.status()).as(statement.body()).isEqualTo(200);
        JsonNode lines = statement.json().get("lines");
        assertThat(lines.size()).isEqualTo(3); // earned into pending, then pending -> held
        long net = 0;
        for (JsonNode line : lines) {
            net += line.get("amount").get("amount").asLong();
        }
        long closing = 0;
        for (JsonNode b : statement.json().get("closing")) {
            closing += b.get("amount").get("amount").asLong();
        }
        long opening = 0;
        for (JsonNode b : statement.json().get("opening")) {
            opening += b.get("amount").get("amount").asLong();
        }
        assertThat(opening + net).isEqualTo(closing).isEqualTo(10_000);
        assertProblem(owner().get("/api/v1/partners/" + p + "/statements/2026-1"), 400, "/problems/validation");
    }

    @Test
    void theExchangeRateInForceAtTheEventIsCapturedAndManualPostingsReverseOnce() {
        owner().post("/api/v1/exchange-rates", "{\"base\":\"CHF\",\"quote\":\"USD\",\"rate\":1.1234,\"effective_at\":\"2020-01-01T00:00:00Z\"}");
        assertProblem(owner().post("/api/v1/exchange-rates", "{\"base\":\"ABC\",\"quote\":\"USD\",\"rate\":1}"), 400, "/problems/validation");
        assertProblem(owner().post("/api/v1/exchange-rates", "{\"base\":\"CHF\",\"quote\":\"USD\",\"rate\":-1}"), 400, "/problems/validation");
        String p = partner();
        String reference = "revenue-share-" + UUID.randomUUID();
        Ledger.Posted posted = ledger.post(Transaction.of(reference, "revenue_share.earned", "app sale", Mode.LIVE, Instant.now(), List.of(
                new Transaction.Entry(Buckets.OWNER_HOLDER, Buckets.REVENUE_SHARE_EXPENSE, Money.of(-700, "CHF")),
                new Transaction.Entry(p, Buckets.AVAILABLE, Money.of(700, "CHF")))));
        assertThat(posted.created()).isTrue();
        assertThat(ledger.post(Transaction.of(reference, "revenue_share.earned", "again", Mode.LIVE, Instant.now(), List.of(
                new Transaction.Entry(Buckets.OWNER_HOLDER, Buckets.REVENUE_SHARE_EXPENSE, Money.of(-700, "CHF")),
                new Transaction.Entry(p, Buckets.AVAILABLE, Money.of(700, "CHF"))))).transactionId()).isEqualTo(posted.transactionId());
        assertThat(ledger.exchangeRate("CHF", Instant.now()).orElseThrow()).isGreaterThan(BigDecimal.ZERO);

        Api.Response reversal = owner().post("/api/v1/ledger/transactions/" + posted.transactionId() + "/reversal", "{\"reason\":\"posted in error\"}");
        assertThat(reversal.status()).as(reversal.body()).isEqualTo(201);
        assertThat(owner().post("/api/v1/ledger/transactions/" + posted.transactionId() + "/reversal", "{}").status()).isEqualTo(200);
        assertThat(ledger.balances(p, Mode.LIVE)).allMatch(b -> b.amount().amount() == 0);
        assertThat(owner().get("/api/v1/partners/" + p + "/ledger-entries").json().get("data").size()).isEqualTo(2);
        assertProblem(owner().post("/api/v1/ledger/transactions/ltx_00000000000000000000000000/reversal", "{}"), 404, "/problems/not-found");
    }

    @Test
    void payoutProfilesKeepOnlyAFingerprintAndFindSharedAccounts() {
        String a = partner();
        String b = partner();
        String digits = String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L)); // unique to this run
        Api.Response saved = owner().put("/api/v1/partners/" + a + "/payout-profile",
                "{\"tax_form\":\"w8ben\",\"legal_name\":\"A GmbH\",\"country\":\"de\",\"account\":\"DE89 3704 " + digits + "\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.text("account_last4")).isEqualTo(digits.substring(digits.length() - 4));
        assertThat(saved.body()).doesNotContain(digits);
        owner().put("/api/v1/partners/" + b + "/payout-profile",
                "{\"tax_form\":\"w9\",\"legal_name\":\"B Inc\",\"country\":\"US\",\"account\":\"de89-3704-" + digits + "\"}");
        assertThat(ledger.holdersSharingPayoutAccount(a)).containsExactly(b);
        assertProblem(owner().put("/api/v1/partners/" + a + "/payout-profile", "{\"tax_form\":\"w7\",\"legal_name\":\"A\",\"country\":\"DE\",\"account\":\"1234\"}"),
                400, "/problems/validation");
    }
}
