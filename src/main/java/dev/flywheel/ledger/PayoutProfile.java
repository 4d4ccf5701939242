package dev.flywheel.ledger;

import java.time.Instant;
import java.util.Locale;

/**
 * What a payout needs to know about a payee. Only a fingerprint and the last four characters of
 * the payout account are kept; the fingerprint lets fraud rules find two payees sharing one account.
 */
public record PayoutProfile(String holderId, TaxForm taxForm, String legalName, String country, String accountFingerprint,
        String accountLast4, Instant updatedAt) {

    /** US persons file a W-9, foreign persons a W-8BEN. */
    public enum TaxForm {
        W9, W8BEN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
