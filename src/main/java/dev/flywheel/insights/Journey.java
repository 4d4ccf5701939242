package dev.flywheel.insights;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The touches behind one opportunity and what they say about partners.
 *
 * <p>Rules (published in the docs):
 * <ul>
 * <li>A touch counts for an opportunity when it is on the same account, was not recorded for a
 * different opportunity, and happened between {@code lookbackDays} before the opportunity was
 * created and its close.</li>
 * <li><b>Partner-sourced</b>: a partner registered the deal (a {@code deal_registration} touch) or
 * created the opportunity, and did so before the owner's first touch. The earliest such partner is
 * the source.</li>
 * <li><b>Partner-influenced</b>: not sourced, and at least one partner touched it before close.</li>
 * <li>Otherwise the deal is <b>direct</b>. Sourced + influenced + direct = total won revenue.</li>
 * </ul>
 */
record Journey(Opportunity opportunity, List<Touch> touches, String sourcedBy, Set<String> partners) {

    static final Comparator<Touch> ORDER = Comparator.comparing(Touch::occurredAt).thenComparing(Touch::id);

    boolean sourced() {
        return sourcedBy != null;
    }

    boolean influenced() {
        return sourcedBy == null && !partners.isEmpty();
    }

    boolean partnerInvolved() {
        return sourcedBy != null || !partners.isEmpty();
    }

    /** The journey of an opportunity from all touches on its account (in any order). */
    static Journey of(Opportunity o, List<Touch> accountTouches, int lookbackDays) {
        java.time.Instant earliest = o.createdAt().minusSeconds(lookbackDays * 86400L);
        java.time.Instant close = o.closedAt();
        List<Touch> in = new ArrayList<>();
        for (Touch t : accountTouches) {
            if (t.opportunityId() != null && !t.opportunityId().equals(o.id())) {
                continue;
            }
            if (t.occurredAt().isBefore(earliest) || (close != null && t.occurredAt().isAfter(close))) {
                continue;
            }
            in.add(t);
        }
        in.sort(ORDER);
        java.time.Instant ownerFirst = null;
        for (Touch t : in) {
            if (!t.byPartner()) {
                ownerFirst = t.occurredAt();
                break;
            }
        }
        java.time.Instant sourceAt = null;
        String source = null;
        if (o.createdByPartnerId() != null) {
            sourceAt = o.createdAt();
            source = o.createdByPartnerId();
        }
        for (Touch t : in) {
            if (t.byPartner() && Touch.DEAL_REGISTRATION.equals(t.kind()) && (sourceAt == null || t.occurredAt().isBefore(sourceAt))) {
                sourceAt = t.occurredAt();
                source = t.partnerId();
                break;
            }
        }
        if (source != null && ownerFirst != null && !sourceAt.isBefore(ownerFirst)) {
            source = null;
        }
        Set<String> partners = new LinkedHashSet<>();
        for (Touch t : in) {
            if (t.byPartner()) {
                partners.add(t.partnerId());
            }
        }
        return new Journey(o, List.copyOf(in), source, partners);
    }

    /** Each touch's share of the deal under a model (same order as {@link #touches()}). */
    double[] weights(AttributionModel model) {
        long[] seconds = new long[touches.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = touches.get(i).occurredAt().getEpochSecond();
        }
        long close = opportunity.closedAt() == null ? Long.MAX_VALUE : opportunity.closedAt().getEpochSecond();
        return model.weights(seconds, close);
    }
}
