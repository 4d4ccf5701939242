/**
 * Money: an append-only, double-entry, multi-currency ledger for commissions, clawbacks, payouts
 * and (later) marketplace revenue share. Every transaction's entries sum to zero in each currency;
 * entries are never updated or deleted, corrections are reversing transactions. Other modules use
 * {@link dev.flywheel.ledger.Ledger}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger")
package dev.flywheel.ledger;
