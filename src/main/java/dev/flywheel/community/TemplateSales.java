package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.ledger.Buckets;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Transaction;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paid templates: their price, the purchases the product's billing reports, refunds, and what
 * contributors earned. A purchase is posted to the ledger the way the marketplace posts an app
 * sale — one balanced {@code revenue_share.earned} transaction through {@link Ledger#post}: the
 * owner's {@code template_gmv} gives the price, the owner's {@code template_fee} receives its fee
 * and the contributor's {@code available} balance its share, ready for the next payout. A refund
 * is the ledger's reversal of that transaction.
 *
 * <p>Exactly once: the buyer and the product's reference for the charge are unique together, the
 * row is inserted with {@code on conflict do nothing}, and only the request that inserted it
 * posts (under the ledger reference {@code community.template_sale:<purchase id>}, itself unique).
 */
@Service
class TemplateSales {

    static final String GMV_BUCKET = "template_gmv";
    static final String FEE_BUCKET = "template_fee";
    static final String KIND = "revenue_share.earned";

    /** The outcome of reporting a purchase: the purchase, and false when the same reference had been reported before. */
    record Recorded(TemplatePurchase purchase, boolean created) {
    }

    private final TemplateRepository templates;
    private final PurchaseRepository purchases;
    private final Organizations organizations;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final CommunityProperties properties;
    private final Clock clock;

    TemplateSales(TemplateRepository templates, PurchaseRepository purchases, Organizations organizations, Ledger ledger, JdbcClient jdbc,
            CommunityProperties properties, Clock clock) {
        this.templates = templates;
        this.purchases = purchases;
        this.organizations = organizations;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<Money> price(String templateId) {
        return purchases.price(templateId);
    }

    /**
     * Sets the price of a template (or makes it free with {@code null}). The author's organization
     * and the owner may; it applies to purchases reported from now on.
     */
    @Transactional
    Optional<Money> setPrice(Caller caller, String templateId, Long amount, String currency) {
        Submissions.requireLive(caller);
        Template t = templates.find(templateId).filter(x -> caller.isOwner() || x.authorOrgId().equals(caller.organizationId()))
                .orElseThrow(() -> ApiException.notFound("template", templateId));
        // One price change at a time per template: the row lock orders concurrent changes.
        jdbc.sql("select id from community_templates where id = :id for update").param("id", t.id()).query(String.class).list();
        Optional<Money> price = parsePrice(amount, currency);
        if (price.isEmpty()) {
            purchases.clearPrice(t.id());
        } else {
            purchases.setPrice(t.id(), price.get(), caller.label(), clock.instant());
        }
        return purchases.price(t.id());
    }

    /** A price as sent: no amount means free; otherwise a positive amount in minor units of an ISO 4217 currency. */
    static Optional<Money> parsePrice(Long amount, String currency) {
        if (amount == null) {
            return Optional.empty();
        }
        if (amount <= 0 || amount > 100_000_000L) {
            throw ApiException.invalid("price.amount", "must be between 1 and 100000000 minor units (e.g. 1900 for $19.00), or null for free");
        }
        String code = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        if (!Money.isKnownCurrency(code)) {
            throw ApiException.invalid("price.currency", "must be an ISO 4217 code such as USD or EUR");
        }
        return Optional.of(Money.of(amount, code));
    }

    /**
     * Records that an organization bought a paid template, reported by the product's billing (owner
     * credentials), and posts the sale to the ledger. The same buyer and reference again returns
     * the first purchase and posts nothing.
     */
    @Transactional
    Recorded purchase(Caller caller, String templateId, String buyerOrgId, String reference, Instant occurredAt) {
        caller.requireOwner();
        Submissions.requireLive(caller);
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty() || ref.length() > 200) {
            throw ApiException.invalid("reference", "is required: the product's own id for this charge (1 to 200 characters), "
                    + "so that a retried report records one purchase");
        }
        if (buyerOrgId == null || buyerOrgId.isBlank()) {
            throw ApiException.invalid("account_id", "is required: the organization that bought the template");
        }
        Optional<TemplatePurchase> earlier = purchases.findByReference(buyerOrgId, ref);
        if (earlier.isPresent()) {
            return repeat(earlier.get(), templateId);
        }
        Organization buyer = organizations.find(buyerOrgId).filter(o -> o.kind() != OrganizationKind.OWNER && o.mode() != Mode.TEST)
                .orElseThrow(() -> ApiException.notFound("buying organization (a live customer account or partner)", buyerOrgId));
        Template template = templates.find(templateId).filter(Template::listed).orElseThrow(() -> ApiException.notFound("template", templateId));
        if (template.authorOrgId().equals(buyer.id())) {
            throw ApiException.unprocessable("The buyer contributed this template; a contributor does not buy its own template.");
        }
        Money price = purchases.price(template.id()).orElseThrow(() -> ApiException.unprocessable(
                "The template " + template.id() + " is free; there is nothing to buy. Register a copy with POST /templates/{id}/copies."));
        Instant now = clock.instant();
        Instant at = occurredAt == null ? now : occurredAt;
        if (at.isAfter(now.plusSeconds(300))) {
            throw ApiException.invalid("occurred_at", "must not be in the future");
        }
        boolean ownerIsAuthor = organizations.owner().id().equals(template.authorOrgId());
        SaleSplit split = SaleSplit.of(price, properties.contributorShare(), ownerIsAuthor);
        TemplatePurchase fresh = new TemplatePurchase(Ids.next("tpp"), template.id(), template.publishedVersion(), template.authorOrgId(),
                buyer.id(), ref, split.gmv(), split.contributorShare(), split.fee(), null, at, now, null, null, null);
        if (!purchases.insert(fresh)) {
            // A concurrent request with the same reference inserted first (and has committed: the insert waited for it).
            return repeat(purchases.findByReference(buyer.id(), ref).orElseThrow(), templateId);
        }
        Ledger.Posted posted = ledger.post(Transaction.of("community.template_sale:" + fresh.id(), KIND,
                "Template sale " + fresh.id() + " of " + template.id() + " to " + buyer.id(), Mode.LIVE, at, entries(fresh)));
        purchases.posted(fresh.id(), posted.transactionId());
        return new Recorded(purchases.find(fresh.id()).orElseThrow(), true);
    }

    /** The ledger entries of a sale; zero amounts (the owner's own template has no contributor share) are left out. */
    static List<Transaction.Entry> entries(TemplatePurchase p) {
        List<Transaction.Entry> entries = new ArrayList<>();
        entries.add(new Transaction.Entry(Buckets.OWNER_HOLDER, GMV_BUCKET, p.gmv().negate()));
        if (p.fee().amount() != 0) {
            entries.add(new Transaction.Entry(Buckets.OWNER_HOLDER, FEE_BUCKET, p.fee()));
        }
        if (p.contributorShare().amount() != 0) {
            entries.add(new Transaction.Entry(p.authorOrgId(), Buckets.AVAILABLE, p.contributorShare()));
        }
        return entries;
    }

    private static Recorded repeat(TemplatePurchase earlier, String templateId) {
        if (!earlier.templateId().equals(templateId)) {
            throw ApiException.conflict("The reference " + earlier.reference() + " was already reported for template " + earlier.templateId()
                    + " (purchase " + earlier.id() + "). Use a new reference for a new charge.");
        }
        return new Recorded(earlier, false);
    }

    /**
     * Refunds a purchase: the ledger reverses the sale (the contributor's share comes back out of
     * its available balance, which a later payout nets if it was paid already) and the buyer loses
     * access. Owner admins only; refunding twice changes nothing.
     */
    @Transactional
    Recorded refund(Caller caller, String purchaseId, String reason) {
        caller.requireOwnerAdmin();
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw ApiException.invalid("reason", "is required (1 to 500 characters): it is shown on the contributor's statement");
        }
        TemplatePurchase p = purchases.find(purchaseId).orElseThrow(() -> ApiException.notFound("template purchase", purchaseId));
        if (p.refunded()) {
            return new Recorded(p, false);
        }
        Ledger.Posted reversal = ledger.reverse(p.ledgerTransactionId(), "Refund of template sale " + p.id() + ": " + why);
        boolean changed = purchases.refunded(p.id(), why, reversal.transactionId(), clock.instant());
        return new Recorded(purchases.find(p.id()).orElseThrow(), changed);
    }

    Optional<TemplatePurchase> find(Caller caller, String purchaseId) {
        return purchases.find(purchaseId).filter(p -> caller.isOwner() || caller.organizationId().equals(p.buyerOrgId())
                || caller.organizationId().equals(p.authorOrgId()));
    }

    /** Whether the caller may read a template's payload: free templates for everyone, paid ones for the author, the owner and buyers. */
    boolean mayRead(Optional<Caller> caller, Template t) {
        if (purchases.price(t.id()).isEmpty()) {
            return true;
        }
        return caller.map(c -> c.isOwner() || c.organizationId().equals(t.authorOrgId()) || purchases.holds(c.organizationId(), t.id()))
                .orElse(false);
    }

    /** Refuses taking a copy of a paid template without a purchase. */
    void requireMayTake(Caller caller, Template t) {
        if (!mayRead(Optional.of(caller), t)) {
            Money price = purchases.price(t.id()).orElseThrow();
            throw ApiException.unprocessable("This template costs " + price + ". The product reports the purchase first "
                    + "(POST /api/v1/community/templates/" + t.id() + "/purchases); then the buyer can take copies.");
        }
    }

    List<PurchaseRepository.Earnings> earnings(String authorOrgId) {
        return purchases.earnings(authorOrgId);
    }

    List<TemplatePurchase> recentSalesOf(String authorOrgId, int limit) {
        return purchases.ofAuthor(authorOrgId, limit);
    }
}
