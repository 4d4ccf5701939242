package dev.flywheel.partners;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering a deal, deciding it, closing it and refunding it. Every state change is a
 * conditional update on the expected state, so two people acting on the same registration at
 * the same moment get one success and one clear conflict.
 */
@Service
class DealRegistrations {

    /** What a partner registers. */
    record Registering(String company, String domain, String contactEmail, Money estimatedValue, String products, LocalDate expectedClose) {
    }

    /** How the owner closes an approved registration. */
    record Closing(boolean won, Money amount, LocalDate closedOn, Integer contractMonths, String vertical, List<String> influencedBy) {
    }

    private final DealRepository deals;
    private final CommissionEngine engine;
    private final CommissionRecords commissions;
    private final Organizations organizations;
    private final Program program;
    private final Ledger ledger;
    private final AuditLog audit;
    private final PartnersProperties properties;
    private final Clock clock;

    DealRegistrations(DealRepository deals, CommissionEngine engine, CommissionRecords commissions, Organizations organizations, Program program,
            Ledger ledger, AuditLog audit, PartnersProperties properties, Clock clock) {
        this.deals = deals;
        this.engine = engine;
        this.commissions = commissions;
        this.organizations = organizations;
        this.program = program;
        this.ledger = ledger;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    DealRegistration register(String partnerId, Mode mode, Registering r) {
        Instant now = clock.instant();
        program.membership(partnerId);
        List<ConflictDetector.Conflict> conflicts = conflicts(partnerId, mode, r.domain(), null, now);
        DealRegistration d = new DealRegistration(Ids.next("drg"), partnerId, mode, r.company().trim(), r.domain(), r.contactEmail().trim(),
                r.estimatedValue(), r.products(), r.expectedClose(), DealStatus.SUBMITTED, conflicts, now.plus(properties.reviewSla()), null, null,
                null, null, null, null, null, null, null, 0, now, now);
        deals.insert(d);
        return d;
    }

    private List<ConflictDetector.Conflict> conflicts(String partnerId, Mode mode, String domain, String self, Instant now) {
        List<ConflictDetector.Existing> existing = deals.openWithDomain(mode, domain).stream().filter(e -> !e.id().equals(self))
                .map(e -> new ConflictDetector.Existing(e.id(), e.partnerId(), e.status(), e.protectedUntil())).toList();
        boolean customer = !organizations.accountsWithDomain(mode, domain).isEmpty();
        String opportunity = deals.openOpportunity(mode, domain).orElse(null);
        return ConflictDetector.detect(partnerId, domain, existing, customer, opportunity, now);
    }

    dev.flywheel.platform.paging.CursorPage<DealRegistration> page(String partnerId, Mode mode, DealStatus status,
            dev.flywheel.platform.paging.PageQuery query) {
        return deals.page(partnerId, mode, status, query);
    }

    /** Registrations created in [from, to), for the pipeline review. */
    List<DealRegistration> between(Mode mode, Instant from, Instant to) {
        return deals.since(null, mode, from).stream().filter(d -> d.createdAt().isBefore(to)).toList();
    }

    Optional<DealRegistration> find(String id) {
        return deals.find(id);
    }

    /** The registration if this caller may see it: the owner in the same mode, or the partner that registered it. */
    DealRegistration visible(String id, Caller caller) {
        return deals.find(id).filter(d -> d.mode() == caller.mode()).filter(d -> caller.canSee(d.partnerId()))
                .orElseThrow(() -> ApiException.notFound("deal registration", id));
    }

    @Transactional
    DealRegistration approve(String id, Caller caller, String reason, Integer protectionDays) {
        DealRegistration d = visible(id, caller);
        int days = protectionDays == null ? properties.protectionDays() : protectionDays;
        if (days < 30 || days > 180) {
            throw ApiException.invalid("protection_days", "must be between 30 and 180");
        }
        requireSubmitted(d, "approved");
        Instant now = clock.instant();
        List<ConflictDetector.Conflict> conflicts = conflicts(d.partnerId(), d.mode(), d.domain(), d.id(), now);
        if (!conflicts.isEmpty()) {
            throw ApiException.conflict("This registration cannot be approved: " + conflicts.get(0).detail() + " Reject it instead.")
                    .with("conflicts", conflicts);
        }
        Instant until = now.plus(Duration.ofDays(days));
        if (!deals.approve(id, caller.label(), reason, days, until, now)) {
            throw decidedMeanwhile(id);
        }
        if (!deals.protect(d.mode(), d.domain(), d.id(), d.partnerId(), until, now)) {
            throw ApiException.conflict(d.domain() + " was just protected for another registration; this one cannot be approved. Reject it instead.");
        }
        audit.record(d.partnerId(), "deal_registration.approved", d.id(), d.domain() + " protected until " + until);
        return deals.find(id).orElseThrow();
    }

    @Transactional
    DealRegistration reject(String id, Caller caller, String reason) {
        DealRegistration d = visible(id, caller);
        requireSubmitted(d, "rejected");
        if (!deals.reject(id, caller.label(), reason, clock.instant())) {
            throw decidedMeanwhile(id);
        }
        audit.record(d.partnerId(), "deal_registration.rejected", d.id(), reason);
        return deals.find(id).orElseThrow();
    }

    @Transactional
    DealRegistration extend(String id, Caller caller, int days) {
        DealRegistration d = visible(id, caller);
        if (days < 1 || days > 180) {
            throw ApiException.invalid("days", "must be between 1 and 180");
        }
        if (d.status() != DealStatus.APPROVED) {
            throw ApiException.unprocessable("Only an approved registration's protection can be extended; this one is " + d.status().wire() + ".");
        }
        Instant now = clock.instant();
        if (!d.protectedUntil().isAfter(now)) {
            throw ApiException.unprocessable("The protection window ended on " + d.protectedUntil() + "; it can no longer be extended.");
        }
        Instant until = d.protectedUntil().plus(Duration.ofDays(days));
        if (!deals.extend(id, until, now) || !deals.protect(d.mode(), d.domain(), d.id(), d.partnerId(), until, now)) {
            throw decidedMeanwhile(id);
        }
        return deals.find(id).orElseThrow();
    }

    /**
     * Closes an approved registration as won or lost. A deal that closes after its protection
     * window ended is expired instead: it pays no commission. A won deal pays by the plan in force
     * on the day it was won.
     */
    @Transactional
    DealRegistration close(String id, Caller caller, Closing c) {
        DealRegistration d = visible(id, caller);
        DealStatus target = c.won() ? DealStatus.WON : DealStatus.LOST;
        if (!d.status().canMoveTo(target)) {
            throw ApiException.unprocessable(d.status().refusal(target));
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate closedOn = c.closedOn() == null ? today : c.closedOn();
        LocalDate registeredOn = LocalDate.ofInstant(d.createdAt(), ZoneOffset.UTC);
        if (closedOn.isAfter(today) || closedOn.isBefore(registeredOn)) {
            throw ApiException.invalid("closed_on", "must be between the registration day " + registeredOn + " and today " + today);
        }
        if (c.won()) {
            if (c.amount() == null || c.amount().amount() <= 0) {
                throw ApiException.invalid("amount", "must be a positive amount in minor units for a won deal");
            }
            if (!c.amount().currency().equals(d.estimatedValue().currency())) {
                throw ApiException.invalid("amount.currency", "must be " + d.estimatedValue().currency() + ", the registration's currency");
            }
        }
        List<String> influencers = c.influencedBy() == null ? List.of() : c.influencedBy().stream().distinct().toList();
        for (String partner : influencers) {
            if (partner.equals(d.partnerId()) || organizations.find(partner).filter(o -> o.partnerType() != null).isEmpty()) {
                throw ApiException.invalid("influenced_by", "must list other partners' ids (prt_...); '" + partner + "' is not one");
            }
        }
        boolean protectedAtClose = closedOn.atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(d.protectedUntil());
        DealStatus outcome = protectedAtClose ? target : DealStatus.EXPIRED;
        if (!deals.close(id, outcome, closedOn, c.won() ? c.amount() : null, c.contractMonths(), normalizeVertical(c.vertical()), now)) {
            throw decidedMeanwhile(id);
        }
        deals.releaseProtection(d.mode(), d.domain(), d.id(), now);
        DealRegistration closed = deals.find(id).orElseThrow();
        if (outcome == DealStatus.WON) {
            engine.credit(closed, influencers, "sale", c.amount(), closedOn);
        }
        audit.record(d.partnerId(), "deal_registration." + outcome.wire(), d.id(),
                outcome == DealStatus.EXPIRED ? "closed " + closedOn + " after protection ended " + d.protectedUntil() : null);
        return closed;
    }

    /** Later revenue of a won deal (recurring and lifetime plans pay on it); once per {@code reference}. */
    @Transactional
    List<CommissionEngine.Credited> revenue(String id, Caller caller, String reference, Money amount, LocalDate receivedOn) {
        DealRegistration d = visible(id, caller);
        if (d.status() != DealStatus.WON) {
            throw ApiException.unprocessable("Revenue can only be recorded for a won deal; this one is " + d.status().wire() + ".");
        }
        if (!amount.currency().equals(d.wonValue().currency())) {
            throw ApiException.invalid("amount.currency", "must be " + d.wonValue().currency() + ", the deal's currency");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (receivedOn.isBefore(d.closedOn()) || receivedOn.isAfter(today)) {
            throw ApiException.invalid("received_on", "must be between the day the deal was won " + d.closedOn() + " and today");
        }
        List<String> influencers = commissions.ofRegistration(id).stream().filter(p -> p.role().equals("influenced"))
                .map(CommissionRecords.PartnerCommission::partnerId).distinct().toList();
        return engine.credit(d, influencers, "revenue:" + reference, amount, receivedOn);
    }

    /**
     * A refund of part or all of the sale claws back the same share of every commission it paid,
     * also after payout. The refunds of a deal can never add up to more than the sale.
     */
    @Transactional
    DealRegistration refund(String id, Caller caller, Money amount, String reference) {
        DealRegistration d = visible(id, caller);
        if (d.status() != DealStatus.WON) {
            throw ApiException.unprocessable("Only a won deal can be refunded; this one is " + d.status().wire() + ".");
        }
        if (!amount.currency().equals(d.wonValue().currency())) {
            throw ApiException.invalid("amount.currency", "must be " + d.wonValue().currency() + ", the deal's currency");
        }
        String refundId = reference == null ? Ids.next("rfd") : reference;
        if (!deals.addRefund(id, amount.amount(), clock.instant())) {
            throw ApiException.unprocessable("A refund of " + amount + " is larger than what is left of the sale: " + d.wonValue() + " sold, "
                    + Money.of(d.refunded(), amount.currency()) + " already refunded.");
        }
        java.math.BigDecimal share = java.math.BigDecimal.valueOf(amount.amount())
                .divide(java.math.BigDecimal.valueOf(d.wonValue().amount()), java.math.MathContext.DECIMAL64);
        for (CommissionRecords.PartnerCommission pc : commissions.ofRegistration(id)) {
            if (!pc.revenueRef().equals("sale") || pc.ledgerCommissionId() == null) {
                continue;
            }
            var money = ledger.commission(pc.ledgerCommissionId()).orElseThrow();
            if (money.status() == dev.flywheel.ledger.CommissionStatus.VOID) {
                continue;
            }
            Money back = pc.amount().times(share);
            if (back.amount() > money.remaining().amount()) {
                back = money.remaining();
            }
            if (back.amount() > 0) {
                ledger.clawback(money.id(), back, refundId + ":" + pc.id(), "refund of " + amount + " on " + d.company() + " (" + d.id() + ")");
            }
        }
        audit.record(d.partnerId(), "deal_registration.refunded", d.id(), amount.toString());
        return deals.find(id).orElseThrow();
    }

    /** Expires approved registrations whose protection ended; safe to run on every node. */
    int expireLapsed(Instant now) {
        int n = 0;
        for (String id : deals.lapsed(now, 500)) {
            if (deals.expire(id, now)) {
                n++;
            }
        }
        return n;
    }

    String createOpportunity(Mode mode, String company, String domain, String stage) {
        return deals.insertOpportunity(mode, company, domain, stage, clock.instant());
    }

    private void requireSubmitted(DealRegistration d, String verb) {
        if (d.status() == DealStatus.APPROVED || d.status() == DealStatus.REJECTED) {
            throw ApiException.conflict("This registration was already " + d.status().wire() + " by " + d.decidedBy() + " at " + d.decidedAt()
                    + "; it cannot be " + verb + " again.");
        }
        if (d.status() != DealStatus.SUBMITTED) {
            throw ApiException.conflict(d.status().refusal(verb.equals("approved") ? DealStatus.APPROVED : DealStatus.REJECTED));
        }
    }

    private ApiException decidedMeanwhile(String id) {
        DealRegistration now = deals.find(id).orElseThrow();
        return ApiException.conflict("Someone else changed this registration a moment ago: it is now " + now.status().wire()
                + (now.decidedBy() == null ? "" : " (by " + now.decidedBy() + " at " + now.decidedAt() + ")") + ". Reload it.")
                .with("status", now.status().wire());
    }

    private static String normalizeVertical(String vertical) {
        return vertical == null || vertical.isBlank() ? null : vertical.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
