package dev.flywheel.partners;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules that hold a commission for review instead of paying it: self-referral (the prospect or
 * its contact is the partner itself) and a payout account shared with another partner. Pure.
 */
final class FraudRules {

    record Facts(String partnerDomain, String dealDomain, String contactEmail, List<String> partnersSharingPayoutAccount) {
    }

    private FraudRules() {
    }

    static List<String> check(Facts f) {
        List<String> flags = new ArrayList<>();
        String partnerDomain = f.partnerDomain() == null ? null : f.partnerDomain().toLowerCase(Locale.ROOT);
        if (partnerDomain != null && partnerDomain.equals(f.dealDomain())) {
            flags.add("self-referral: the prospect's domain " + f.dealDomain() + " is the partner's own domain");
        }
        if (partnerDomain != null && f.contactEmail() != null) {
            String contactDomain = f.contactEmail().substring(f.contactEmail().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (contactDomain.equals(partnerDomain) || contactDomain.endsWith("." + partnerDomain)) {
                flags.add("self-referral: the contact " + f.contactEmail() + " has the partner's own email domain");
            }
        }
        if (!f.partnersSharingPayoutAccount().isEmpty()) {
            flags.add("duplicate payout account: shared with " + String.join(", ", f.partnersSharingPayoutAccount()));
        }
        return flags;
    }
}
