package dev.flywheel.identity;

/** The partner archetypes. */
public enum PartnerType {
    /** Builds integrations and apps on the product; brings distribution. */
    TECHNOLOGY,
    /** Agencies, integrators and consultants who implement the product for clients. */
    SOLUTION,
    /** Introduces customers for a fee. */
    REFERRAL
}
