package dev.flywheel.partners;

import java.time.Instant;
import java.util.Map;

/**
 * A partner moved to another tier (published as {@code partner.tier_changed}).
 *
 * @param from the previous tier's name, e.g. {@code registered}
 * @param to the new tier's name, e.g. {@code preferred}
 * @param reason why, in words, with the numbers
 * @param metrics the measured values that caused the change, by metric name
 */
public record PartnerTierChanged(String partnerId, String from, String to, String reason, Map<String, Object> metrics, Instant changedAt) {
}
