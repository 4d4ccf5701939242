package dev.flywheel.ledger;

/** Names of the accounts (buckets) the ledger itself uses. Other postings may use their own. */
public final class Buckets {

    /** The owner's side of every commission, clawback and revenue share entry. */
    public static final String OWNER_HOLDER = "owner";
    public static final String COMMISSION_EXPENSE = "commission_expense";
    public static final String REVENUE_SHARE_EXPENSE = "revenue_share_expense";

    /** A payee's money by state. */
    public static final String PENDING = "pending";
    public static final String HELD = "held";
    public static final String AVAILABLE = "available";
    public static final String PAID = "paid";

    public static final java.util.List<String> PAYEE_STATES = java.util.List.of(PENDING, HELD, AVAILABLE, PAID);

    private Buckets() {
    }
}
