package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Domains;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.identity.PartnerType;
import dev.flywheel.ledger.Balance;
import dev.flywheel.ledger.Buckets;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.PayoutProfile;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The partner program's pages: the public application form, the owner's program review and the partner portal. */
@Controller
class PartnerPages {

    static final String OWNER_STAFF = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')";
    static final String OWNER_DECIDERS = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')";
    static final String PARTNER = "hasAuthority('ORG_PARTNER')";

    /** A partner's balance in one currency, by state, for the pages. */
    record BalanceRow(String currency, Money pending, Money held, Money available, Money paid) {
    }

    private final Applications applications;
    private final DealRegistrations registrations;
    private final CommissionRecords commissions;
    private final Program program;
    private final PlanRepository plans;
    private final Enablement enablement;
    private final Organizations organizations;
    private final Ledger ledger;
    private final DealRegistrationsApi views;
    private final Clock clock;

    PartnerPages(Applications applications, DealRegistrations registrations, CommissionRecords commissions, Program program, PlanRepository plans,
            Enablement enablement, Organizations organizations, Ledger ledger, DealRegistrationsApi views, Clock clock) {
        this.applications = applications;
        this.registrations = registrations;
        this.commissions = commissions;
        this.program = program;
        this.plans = plans;
        this.enablement = enablement;
        this.organizations = organizations;
        this.ledger = ledger;
        this.views = views;
        this.clock = clock;
    }

    // ---- public application form

    @GetMapping("/partners/apply")
    String applyForm(Model model) {
        model.addAttribute("types", PartnerType.values());
        return "partners/apply";
    }

    @PostMapping("/partners/apply")
    String apply(@RequestParam String company, @RequestParam(required = false) String domain, @RequestParam PartnerType type,
            @RequestParam String contactName, @RequestParam String contactEmail, @RequestParam(required = false) String message, Model model) {
        model.addAttribute("types", PartnerType.values());
        try {
            if (company.isBlank() || company.length() > 200 || contactName.isBlank() || contactName.length() > 200) {
                throw ApiException.invalid("company", "and your name are required (up to 200 characters)");
            }
            if (!contactEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || contactEmail.length() > 320) {
                throw ApiException.invalid("email", "must be an email address such as jane@agency.com");
            }
            if (message != null && message.length() > 2000) {
                throw ApiException.invalid("message", "must be at most 2000 characters");
            }
            applications.apply(company, ApplicationsApi.validDomain(domain), type, contactName, contactEmail, message);
            model.addAttribute("submitted", true);
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "partners/apply";
    }

    // ---- owner: program review

    @GetMapping("/console/partner-program")
    @PreAuthorize(OWNER_STAFF)
    String program(@RequestParam(required = false) String quarter, Model model) {
        Instant now = clock.instant();
        model.addAttribute("applications", applications.page(Applications.Status.SUBMITTED, PageQuery.first(50)).data());
        model.addAttribute("pending", registrations.page(null, Mode.LIVE, DealStatus.SUBMITTED, PageQuery.first(50)).data().stream()
                .map(views::view).toList());
        model.addAttribute("approvedDeals", registrations.page(null, Mode.LIVE, DealStatus.APPROVED, PageQuery.first(50)).data().stream()
                .map(views::view).toList());
        Quarter q = Quarter.parse(quarter, now);
        List<PipelineReview.Row> rows = PipelineReview.summarize(registrations.between(Mode.LIVE, q.start(), q.end()), now);
        model.addAttribute("pipeline", rows);
        model.addAttribute("names", names(rows));
        model.addAttribute("quarter", q.label());
        model.addAttribute("offer", program.foundingOffer().orElse(null));
        return "partners/program";
    }

    @GetMapping(value = "/console/partner-program/pipeline.csv")
    @PreAuthorize(OWNER_STAFF)
    ResponseEntity<String> pipelineCsv(@RequestParam(required = false) String quarter) {
        Instant now = clock.instant();
        Quarter q = Quarter.parse(quarter, now);
        List<PipelineReview.Row> rows = PipelineReview.summarize(registrations.between(Mode.LIVE, q.start(), q.end()), now);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pipeline-" + q.label() + ".csv\"")
                .body(PipelineReview.csv(rows, names(rows)));
    }

    @PostMapping("/console/partner-applications/{id}/approve")
    @PreAuthorize(OWNER_DECIDERS)
    String approveApplication(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/partner-program", () -> {
            Applications.Application a = applications.approve(id, caller.label(), null);
            return a.company() + " is now a partner; " + a.contactEmail() + " was invited.";
        });
    }

    @PostMapping("/console/partner-applications/{id}/reject")
    @PreAuthorize(OWNER_DECIDERS)
    String rejectApplication(@PathVariable String id, @RequestParam(required = false) String reason, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/partner-program", () -> applications.reject(id, caller.label(), reason).company() + " was declined.");
    }

    @PostMapping("/console/deal-registrations/{id}/approve")
    @PreAuthorize(OWNER_DECIDERS)
    String approveDeal(@PathVariable String id, @RequestParam(required = false) String reason, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/partner-program", () -> {
            DealRegistration d = registrations.approve(id, caller, reason, null);
            return d.company() + " is approved and protected until " + d.protectedUntil().atZone(ZoneOffset.UTC).toLocalDate() + ".";
        });
    }

    @PostMapping("/console/deal-registrations/{id}/reject")
    @PreAuthorize(OWNER_DECIDERS)
    String rejectDeal(@PathVariable String id, @RequestParam(required = false) String reason, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/partner-program", () -> registrations.reject(id, caller, reason).company() + " was rejected.");
    }

    @GetMapping("/console/deal-registrations/{id}")
    @PreAuthorize(OWNER_STAFF)
    String registration(@PathVariable String id, Caller caller, Model model) {
        DealRegistration d = registrations.visible(id, caller);
        model.addAttribute("deal", views.view(d));
        model.addAttribute("partner", organizations.find(d.partnerId()).orElseThrow());
        model.addAttribute("commissions", commissions.ofRegistration(d.id()).stream().map(views::commissionView).toList());
        return "partners/registration";
    }

    @PostMapping("/console/deal-registrations/{id}/close")
    @PreAuthorize(OWNER_DECIDERS)
    String closeDeal(@PathVariable String id, @RequestParam String outcome, @RequestParam(required = false) String amount, Caller caller,
            RedirectAttributes redirect) {
        return act(redirect, "/console/deal-registrations/" + id, () -> {
            DealRegistration d = registrations.visible(id, caller);
            boolean won = "won".equals(outcome);
            Money value = won ? parseMajor(amount, d.estimatedValue().currency()) : null;
            DealRegistration closed = registrations.close(id, caller, new DealRegistrations.Closing(won, value, null, null, null, List.of()));
            return d.company() + " closed " + closed.status().wire() + ".";
        });
    }

    // ---- partner portal

    @GetMapping("/console/portal")
    @PreAuthorize(PARTNER)
    String portal(Caller caller, Model model) {
        Organization partner = organizations.find(caller.organizationId()).orElseThrow();
        ProgramRepository.Membership m = program.membership(partner.id());
        Map<String, BigDecimal> metrics = program.metrics(partner.id(), clock.instant());
        List<TierRules.Tier> tiers = program.tiers();
        model.addAttribute("partner", partner);
        model.addAttribute("membership", m);
        model.addAttribute("founding", m.foundingOn(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
        model.addAttribute("tier", tiers.stream().filter(t -> t.name().equals(m.tier())).findFirst().orElse(tiers.get(0)));
        model.addAttribute("tiers", tiers);
        model.addAttribute("metrics", metrics);
        model.addAttribute("progress", TierRules.progress(m.tier(), metrics, tiers));
        model.addAttribute("balances", balances(ledger.balances(partner.id(), Mode.LIVE)));
        model.addAttribute("deals", registrations.page(partner.id(), Mode.LIVE, null, PageQuery.first(25)).data().stream().map(views::view).toList());
        model.addAttribute("commissions", commissions.page(partner.id(), Mode.LIVE, PageQuery.first(25)).data().stream()
                .map(views::commissionView).toList());
        model.addAttribute("plan", plans.inForce(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), partner.partnerType())
                .map(PlanRepository.StoredPlan::plan).orElse(null));
        model.addAttribute("completions", enablement.completions(partner.id()));
        model.addAttribute("courses", enablement.courses());
        model.addAttribute("payouts", ledger.payoutsOf(partner.id(), 12));
        model.addAttribute("profile", ledger.payoutProfile(partner.id()).orElse(null));
        model.addAttribute("taxForms", PayoutProfile.TaxForm.values());
        model.addAttribute("defaultClose", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusMonths(2));
        return "partners/portal";
    }

    @PostMapping("/console/portal/deals")
    @PreAuthorize(PARTNER)
    String registerDeal(@RequestParam String company, @RequestParam String domain, @RequestParam String contactEmail, @RequestParam String amount,
            @RequestParam String currency, @RequestParam(required = false) String products, @RequestParam LocalDate expectedClose, Caller caller,
            RedirectAttributes redirect) {
        return act(redirect, "/console/portal", () -> {
            String normalized = Domains.normalize(domain);
            if (!Domains.isValid(normalized)) {
                throw ApiException.invalid("domain", "must be a domain name such as acme.com");
            }
            if (company.isBlank() || company.length() > 200) {
                throw ApiException.invalid("company", "must be 1 to 200 characters");
            }
            if (!contactEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ApiException.invalid("contact email", "must be an email address");
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (expectedClose.isBefore(today) || expectedClose.isAfter(today.plusYears(2))) {
                throw ApiException.invalid("expected close", "must be between today and two years from now");
            }
            DealRegistration d = registrations.register(caller.organizationId(), Mode.LIVE, new DealRegistrations.Registering(company, normalized,
                    contactEmail, parseMajor(amount, currency), products, expectedClose));
            return d.conflicts().isEmpty() ? d.company() + " is registered and waits for review."
                    : d.company() + " is registered, with a conflict: " + d.conflicts().get(0).detail();
        });
    }

    @PostMapping("/console/portal/payout-profile")
    @PreAuthorize("hasRole('PARTNER_ADMIN')")
    String payoutProfile(@RequestParam PayoutProfile.TaxForm taxForm, @RequestParam String legalName, @RequestParam String country,
            @RequestParam String account, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/portal", () -> {
            if (legalName.isBlank() || legalName.length() > 200 || !country.matches("[A-Za-z]{2}")
                    || !account.matches("[A-Za-z0-9 -]{4,64}")) {
                throw ApiException.invalid("payout profile", "needs a legal name, a two-letter country code and an account number or IBAN");
            }
            ledger.savePayoutProfile(caller.organizationId(), taxForm, legalName, country, account);
            return "Payout profile saved.";
        });
    }

    static List<BalanceRow> balances(List<Balance> balances) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (Balance b : balances) {
            int i = Buckets.PAYEE_STATES.indexOf(b.bucket());
            if (i >= 0) {
                sums.computeIfAbsent(b.amount().currency(), c -> new long[4])[i] += b.amount().amount();
            }
        }
        return sums.entrySet().stream().map(e -> new BalanceRow(e.getKey(), Money.of(e.getValue()[0], e.getKey()), Money.of(e.getValue()[1], e.getKey()),
                Money.of(e.getValue()[2], e.getKey()), Money.of(e.getValue()[3], e.getKey()))).toList();
    }

    /** "1200.50" in a currency's major units, as money; refuses negatives, bad numbers and too many decimals. */
    static Money parseMajor(String amount, String currency) {
        if (!Money.isKnownCurrency(currency)) {
            throw ApiException.invalid("currency", "must be an ISO 4217 code such as USD");
        }
        try {
            BigDecimal major = new BigDecimal(amount.trim().replace(",", ""));
            int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
            BigDecimal minor = major.movePointRight(digits);
            if (major.signum() <= 0 || minor.stripTrailingZeros().scale() > 0) {
                throw ApiException.invalid("amount", "must be a positive amount with at most " + digits + " decimals");
            }
            return Money.of(minor.longValueExact(), currency);
        } catch (NumberFormatException | ArithmeticException | NullPointerException e) {
            throw ApiException.invalid("amount", "must be a number such as 120000.00");
        }
    }

    private Map<String, String> names(List<PipelineReview.Row> rows) {
        Map<String, String> names = new LinkedHashMap<>();
        for (PipelineReview.Row r : rows) {
            names.put(r.partnerId(), organizations.find(r.partnerId()).map(Organization::name).orElse(r.partnerId()));
        }
        return names;
    }

    private static String act(RedirectAttributes redirect, String back, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (org.springframework.dao.ConcurrencyFailureException e) {
            redirect.addFlashAttribute("error", "Someone else changed this at the same moment. Reload and try again.");
        }
        return "redirect:" + back;
    }

    /** A calendar quarter such as 2026-Q4. */
    record Quarter(int year, int number) {

        static Quarter parse(String value, Instant now) {
            if (value != null && value.matches("\\d{4}-Q[1-4]")) {
                return new Quarter(Integer.parseInt(value.substring(0, 4)), value.charAt(6) - '0');
            }
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            return new Quarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
        }

        Instant start() {
            return LocalDate.of(year, (number - 1) * 3 + 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        Instant end() {
            return LocalDate.of(year, (number - 1) * 3 + 1, 1).plusMonths(3).atStartOfDay().toInstant(ZoneOffset.UTC);
        }

        String label() {
            return year + "-Q" + number;
        }
    }
}
