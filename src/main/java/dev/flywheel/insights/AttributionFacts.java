package dev.flywheel.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deals of a report and the touches on their accounts, laid out in columns of primitives
 * (opportunity, partner, time, kind) so that {@link AttributionEngine} walks them without
 * allocating: about 17 bytes a touch instead of a few hundred for an object with its strings.
 *
 * <p>Touches of one account sit in one contiguous range, ordered by time and then by touch id,
 * the order {@link Journey#ORDER} uses. Times are kept in microseconds, the precision the
 * database stores.
 */
final class AttributionFacts {

    static final byte WON = 1;
    static final byte LOST = 2;
    static final byte OPEN = 0;

    /** A touch recorded for an opportunity that is not among these deals: it counts for none of them. */
    static final int OTHER_OPPORTUNITY = -2;
    /** A touch recorded for no opportunity: it counts for every deal of its account. */
    static final int ANY_OPPORTUNITY = -1;
    /** The partner column's value for the owner's own touches. */
    static final int OWNER = -1;

    final String[] partnerIds;

    final int deals;
    final String[] dealIds;
    final byte[] status;
    final long[] amount;
    final long[] createdMicros;
    final long[] closedMicros;
    final int[] creator;
    final int[] dealAccount;

    final int[] accountStart;
    final int[] accountEnd;

    final int touches;
    final int[] touchOpportunity;
    final int[] touchPartner;
    final long[] touchMicros;
    final boolean[] dealRegistration;

    private AttributionFacts(Builder b) {
        partnerIds = b.partnerIds.toArray(new String[0]);
        deals = b.dealIds.size();
        dealIds = b.dealIds.toArray(new String[0]);
        status = Arrays.copyOf(b.status, deals);
        amount = Arrays.copyOf(b.amount, deals);
        createdMicros = Arrays.copyOf(b.created, deals);
        closedMicros = Arrays.copyOf(b.closed, deals);
        creator = Arrays.copyOf(b.creator, deals);
        dealAccount = Arrays.copyOf(b.dealAccount, deals);
        accountStart = Arrays.copyOf(b.accountStart, b.accounts.size());
        accountEnd = Arrays.copyOf(b.accountEnd, b.accounts.size());
        touches = b.touches;
        touchOpportunity = Arrays.copyOf(b.touchOpportunity, touches);
        touchPartner = Arrays.copyOf(b.touchPartner, touches);
        touchMicros = Arrays.copyOf(b.touchMicros, touches);
        dealRegistration = Arrays.copyOf(b.dealRegistration, touches);
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static long seconds(long micros) {
        return Math.floorDiv(micros, 1_000_000L);
    }

    /** Facts from objects (any order): used for small inputs such as one account's deals. */
    static AttributionFacts of(List<Opportunity> opportunities, List<Touch> touches) {
        Builder b = new Builder();
        opportunities.forEach(b::deal);
        List<Touch> sorted = new ArrayList<>(touches);
        sorted.sort(java.util.Comparator.comparing(Touch::account).thenComparing(Journey.ORDER));
        sorted.forEach(b::touch);
        return b.build();
    }

    /**
     * Collects deals first, then the touches on their accounts grouped by account and in time
     * order (the order {@code order by account, occurred_at, id} gives). Touches at the same
     * instant are put in id order here, whatever the database's collation did with them.
     */
    static final class Builder {

        private final Map<String, Integer> partners = new HashMap<>();
        private final List<String> partnerIds = new ArrayList<>();
        private final Map<String, Integer> accounts = new HashMap<>();
        private final Map<String, Integer> dealIndex = new HashMap<>();

        private final List<String> dealIds = new ArrayList<>();
        private byte[] status = new byte[64];
        private long[] amount = new long[64];
        private long[] created = new long[64];
        private long[] closed = new long[64];
        private int[] creator = new int[64];
        private int[] dealAccount = new int[64];
        private int[] accountStart = new int[64];
        private int[] accountEnd = new int[64];

        private int touches;
        private int[] touchOpportunity = new int[1024];
        private int[] touchPartner = new int[1024];
        private long[] touchMicros = new long[1024];
        private boolean[] dealRegistration = new boolean[1024];

        private int currentAccount = -1;
        private int runStart;
        private final List<String> runIds = new ArrayList<>();

        Builder deal(Opportunity o) {
            byte s = o.won() ? WON : "lost".equals(o.status()) ? LOST : OPEN;
            return deal(o.id(), o.account(), s, o.amount(), micros(o.createdAt()), o.closedAt() == null ? Long.MAX_VALUE : micros(o.closedAt()),
                    o.createdByPartnerId());
        }

        Builder deal(String id, String account, byte dealStatus, long dealAmount, long createdAt, long closedAt, String createdByPartner) {
            if (touches > 0) {
                throw new IllegalStateException("deals must be added before touches");
            }
            int n = dealIds.size();
            if (n == amount.length) {
                int c = n * 2;
                status = Arrays.copyOf(status, c);
                amount = Arrays.copyOf(amount, c);
                created = Arrays.copyOf(created, c);
                closed = Arrays.copyOf(closed, c);
                creator = Arrays.copyOf(creator, c);
                dealAccount = Arrays.copyOf(dealAccount, c);
            }
            dealIds.add(id);
            dealIndex.put(id, n);
            status[n] = dealStatus;
            amount[n] = dealAmount;
            created[n] = createdAt;
            closed[n] = closedAt;
            creator[n] = createdByPartner == null ? OWNER : partner(createdByPartner);
            Integer a = accounts.get(account);
            if (a == null) {
                a = accounts.size();
                accounts.put(account, a);
                if (a == accountStart.length) {
                    accountStart = Arrays.copyOf(accountStart, a * 2);
                    accountEnd = Arrays.copyOf(accountEnd, a * 2);
                }
            }
            dealAccount[n] = a;
            return this;
        }

        Builder touch(Touch t) {
            return touch(t.id(), t.account(), t.opportunityId(), t.partnerId(), Touch.DEAL_REGISTRATION.equals(t.kind()), micros(t.occurredAt()));
        }

        /** The next touch; touches of an account arrive together, oldest first. Touches on other accounts are skipped. */
        Builder touch(String id, String account, String opportunityId, String partnerId, boolean registration, long occurredAt) {
            Integer a = accounts.get(account);
            if (a == null) {
                return this;
            }
            if (a != currentAccount) {
                finishRun();
                if (accountEnd[a] > 0) {
                    throw new IllegalArgumentException("touches of account " + account + " are not grouped together");
                }
                if (currentAccount >= 0) {
                    accountEnd[currentAccount] = touches;
                }
                currentAccount = a;
                accountStart[a] = touches;
                accountEnd[a] = -1;
                runStart = touches;
            } else if (occurredAt != touchMicros[touches - 1]) {
                if (occurredAt < touchMicros[touches - 1]) {
                    throw new IllegalArgumentException("touches of account " + account + " are not in time order");
                }
                finishRun();
                runStart = touches;
            }
            if (touches == touchMicros.length) {
                int c = touches * 2;
                touchOpportunity = Arrays.copyOf(touchOpportunity, c);
                touchPartner = Arrays.copyOf(touchPartner, c);
                touchMicros = Arrays.copyOf(touchMicros, c);
                dealRegistration = Arrays.copyOf(dealRegistration, c);
            }
            int opportunity = ANY_OPPORTUNITY;
            if (opportunityId != null) {
                Integer o = dealIndex.get(opportunityId);
                opportunity = o == null ? OTHER_OPPORTUNITY : o;
            }
            touchOpportunity[touches] = opportunity;
            touchPartner[touches] = partnerId == null ? OWNER : partner(partnerId);
            touchMicros[touches] = occurredAt;
            dealRegistration[touches] = registration;
            runIds.add(id);
            touches++;
            return this;
        }

        /** Puts touches at the same instant of the same account in id order. */
        private void finishRun() {
            int n = runIds.size();
            if (n > 1) {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> runIds.get(x).compareTo(runIds.get(y)));
                int[] opp = new int[n];
                int[] partner = new int[n];
                boolean[] registration = new boolean[n];
                for (int i = 0; i < n; i++) {
                    opp[i] = touchOpportunity[runStart + order[i]];
                    partner[i] = touchPartner[runStart + order[i]];
                    registration[i] = dealRegistration[runStart + order[i]];
                }
                System.arraycopy(opp, 0, touchOpportunity, runStart, n);
                System.arraycopy(partner, 0, touchPartner, runStart, n);
                System.arraycopy(registration, 0, dealRegistration, runStart, n);
            }
            runIds.clear();
        }

        private int partner(String id) {
            Integer p = partners.get(id);
            if (p == null) {
                p = partnerIds.size();
                partners.put(id, p);
                partnerIds.add(id);
            }
            return p;
        }

        AttributionFacts build() {
            finishRun();
            if (currentAccount >= 0) {
                accountEnd[currentAccount] = touches;
            }
            for (int a = 0; a < accounts.size(); a++) {
                if (accountEnd[a] <= 0) {
                    accountStart[a] = 0;
                    accountEnd[a] = 0;
                }
            }
            return new AttributionFacts(this);
        }
    }
}
