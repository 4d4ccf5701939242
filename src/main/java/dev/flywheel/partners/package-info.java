/**
 * The partner program: archetypes and tiers with objective rules, applications and onboarding,
 * deal registration with conflict detection and protection windows, commission plans and their
 * calculation, enablement, the partner portal and the owner's pipeline review. Money goes through
 * {@link dev.flywheel.ledger.Ledger}; other modules may listen to {@link
 * dev.flywheel.partners.PartnerTierChanged}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partner program")
package dev.flywheel.partners;
