package dev.flywheel.ledger;

import dev.flywheel.platform.Money;

/** A holder's balance in one bucket (state) and currency. */
public record Balance(String bucket, Money amount) {
}
