package dev.flywheel.partners;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which partner a lead is credited to: a coupon code names its partner outright; otherwise the
 * first or the last recorded click of the visitor within the cookie window, as configured. Pure.
 */
final class Attribution {

    enum Rule { FIRST_CLICK, LAST_CLICK }

    record Click(String id, String partnerId, Instant at, boolean burst) {
    }

    /** The outcome: the partner (or none), how it was decided, and the click it came from. */
    record Result(String partnerId, String how, Click click) {
    }

    private Attribution() {
    }

    static Result attribute(Rule rule, String couponPartner, List<Click> clicks, Instant now, int cookieDays) {
        if (couponPartner != null) {
            return new Result(couponPartner, "coupon", null);
        }
        Instant since = now.minus(java.time.Duration.ofDays(cookieDays));
        List<Click> window = clicks.stream().filter(c -> !c.at().isBefore(since) && !c.at().isAfter(now)).toList();
        Comparator<Click> byTime = Comparator.comparing(Click::at).thenComparing(Click::id);
        Optional<Click> chosen = rule == Rule.FIRST_CLICK ? window.stream().min(byTime) : window.stream().max(byTime);
        return chosen.map(c -> new Result(c.partnerId(), rule == Rule.FIRST_CLICK ? "first_click" : "last_click", c))
                .orElse(new Result(null, "none", null));
    }
}
