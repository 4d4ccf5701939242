package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owner turns a partner-sourced referral lead into a deal registration on the partner's
 * behalf: the registration goes through the same conflict detection and review as one the partner
 * registered, and the lead remembers it, so a lead is converted at most once.
 */
@Service
class ConvertingLeads {

    /** What the owner adds to the lead: the deal's value and expected close; company and domain default to the lead's. */
    record Conversion(String company, String domain, Money estimatedValue, LocalDate expectedClose) {
    }

    private final Referrals referrals;
    private final DealRegistrations registrations;
    private final Clock clock;

    ConvertingLeads(Referrals referrals, DealRegistrations registrations, Clock clock) {
        this.referrals = referrals;
        this.registrations = registrations;
        this.clock = clock;
    }

    @Transactional
    DealRegistration convert(String leadId, Caller caller, Conversion c) {
        caller.requireOwner();
        Referrals.Lead lead = referrals.lead(leadId, caller.mode()).filter(l -> l.partnerId() != null)
                .orElseThrow(() -> ApiException.notFound("partner-sourced referral lead", leadId));
        if (lead.registrationId() != null) {
            throw ApiException.conflict("This lead was already turned into deal registration " + lead.registrationId() + ".");
        }
        String raw = c.domain() == null || c.domain().isBlank() ? lead.domain() : c.domain();
        String domain = raw == null ? null : Domains.normalize(raw);
        if (domain == null || !Domains.isValid(domain)) {
            throw ApiException.invalid("domain", "must be the prospect's domain name, such as acme.com");
        }
        String company = c.company() != null && !c.company().isBlank() ? c.company().trim() : lead.company() != null ? lead.company() : domain;
        if (company.length() > 200) {
            throw ApiException.invalid("company", "must be at most 200 characters");
        }
        if (c.estimatedValue() == null || c.estimatedValue().amount() <= 0) {
            throw ApiException.invalid("estimated_value", "must be greater than zero");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (c.expectedClose() == null || c.expectedClose().isBefore(today) || c.expectedClose().isAfter(today.plusYears(2))) {
            throw ApiException.invalid("expected_close", "must be between today (" + today + ") and two years from now");
        }
        DealRegistration d = registrations.register(lead.partnerId(), caller.mode(), new DealRegistrations.Registering(company, domain,
                lead.email(), c.estimatedValue(), "Referral lead " + lead.id(), c.expectedClose()));
        referrals.markConverted(lead.id(), d.id());
        return d;
    }
}
