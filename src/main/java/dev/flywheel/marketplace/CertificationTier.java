package dev.flywheel.marketplace;

import java.util.Locale;

/** How much the marketplace vouches for an app, from objective criteria (see {@link CertificationRules}). */
public enum CertificationTier {
    /** Published; nothing more is claimed. */
    LISTED,
    /** Real use and a good rating. */
    VERIFIED,
    /** Verified, at scale, and healthy (webhook delivery and API error rate). */
    CERTIFIED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CertificationTier fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
