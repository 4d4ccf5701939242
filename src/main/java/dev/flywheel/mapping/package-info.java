/**
 * Account mapping: the owner and each partner load populations of accounts (customers, open
 * opportunities, prospects, custom lists); Flywheel tells both sides how many they share, and
 * which ones, only as far as each population's sharing policy allows. Identifiers are stored only
 * as HMACs under a random key per partnership, so the lists cannot be joined across partnerships
 * nor reversed by hashing guessed domains without the key.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Account mapping")
package dev.flywheel.mapping;
