package dev.flywheel.ledger;

import dev.flywheel.platform.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes balanced transactions, capturing the exchange rate; the one way entries get into the ledger. */
@Component
class Postman {

    record Posted(String transactionId, boolean created) {
    }

    private final LedgerRepository repository;
    private final LedgerProperties properties;
    private final Clock clock;

    Postman(LedgerRepository repository, LedgerProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    boolean exists(String reference) {
        return repository.findByReference(reference).isPresent();
    }

    @Transactional
    Posted post(Transaction tx) {
        return post(tx, null);
    }

    @Transactional
    Posted post(Transaction tx, String reverses) {
        Transaction.ExchangeRate rate = tx.rate() != null ? tx.rate() : capture(tx);
        String id = Ids.next("ltx");
        if (!repository.insertTransaction(id, tx, rate, clock.instant(), reverses)) {
            return new Posted(repository.findByReference(tx.reference()).orElseThrow().id(), false);
        }
        repository.insertEntries(id, tx);
        return new Posted(id, true);
    }

    /** The rate into the reporting currency in force when the event happened; none if unknown. */
    private Transaction.ExchangeRate capture(Transaction tx) {
        String currency = tx.currency();
        String reporting = properties.reportingCurrency();
        if (currency == null) {
            return null;
        }
        if (currency.equals(reporting)) {
            return new Transaction.ExchangeRate(reporting, BigDecimal.ONE);
        }
        Optional<BigDecimal> rate = repository.rate(currency, reporting, tx.occurredAt());
        return rate.map(r -> new Transaction.ExchangeRate(reporting, r)).orElse(null);
    }
}
