package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Co-marketing pages: the owner's review of assets and fund requests, and the partner's own co-marketing page in the portal. */
@Controller
class CoMarketingPages {

    private final PartnerCoMarketing coMarketing;
    private final Organizations organizations;
    private final Clock clock;

    CoMarketingPages(PartnerCoMarketing coMarketing, Organizations organizations, Clock clock) {
        this.coMarketing = coMarketing;
        this.organizations = organizations;
        this.clock = clock;
    }

    // ---- owner

    @GetMapping("/console/co-marketing")
    @PreAuthorize(PartnerPages.OWNER_STAFF)
    String owner(Model model) {
        List<PartnerCoMarketing.FundRequest> requests = coMarketing.requests(null, null, PageQuery.first(100)).data();
        List<PartnerCoMarketing.Asset> assets = coMarketing.assets(null, PageQuery.first(100)).data();
        Map<String, String> names = new LinkedHashMap<>();
        requests.forEach(r -> names.computeIfAbsent(r.partnerId(), this::name));
        assets.forEach(a -> names.computeIfAbsent(a.partnerId(), this::name));
        model.addAttribute("requests", requests);
        model.addAttribute("assets", assets);
        model.addAttribute("names", names);
        model.addAttribute("partners", organizations.partners(null, PageQuery.first(100)).data());
        model.addAttribute("kinds", PartnerCoMarketing.AssetKind.values());
        model.addAttribute("quarter", PartnerPages.Quarter.parse(null, clock.instant()).label());
        model.addAttribute("today", today());
        return "partners/co-marketing";
    }

    @PostMapping("/console/co-marketing/budgets")
    @PreAuthorize(PartnerPages.OWNER_DECIDERS)
    String setBudget(@RequestParam String partnerId, @RequestParam String period, @RequestParam String amount, @RequestParam String currency,
            Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/co-marketing", () -> {
            Organization partner = partner(partnerId);
            Money money = "0".equals(amount.trim()) ? Money.of(0, requireCurrency(currency)) : PartnerPages.parseMajor(amount, currency);
            coMarketing.setBudget(partner.id(), period, money, caller.label());
            return partner.name() + "'s " + period + " budget is " + money + ".";
        });
    }

    @PostMapping("/console/co-marketing/assets")
    @PreAuthorize(PartnerPages.OWNER_DECIDERS)
    String addAssetForPartner(@RequestParam String partnerId, @RequestParam String kind, @RequestParam String title,
            @RequestParam(required = false) String url, @RequestParam(required = false) LocalDate liveOn, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/co-marketing", () -> {
            Organization partner = partner(partnerId);
            coMarketing.addAsset(partner.id(), CoMarketingApi.assetKind(kind), title, url, liveOn, caller.label());
            return "Asset recorded for " + partner.name() + ".";
        });
    }

    @PostMapping("/console/fund-requests/{id}/{action}")
    @PreAuthorize(PartnerPages.OWNER_DECIDERS)
    String decide(@PathVariable String id, @PathVariable String action, @RequestParam(required = false) String reason, Caller caller,
            RedirectAttributes redirect) {
        return act(redirect, "/console/co-marketing", () -> {
            String why = reason == null || reason.isBlank() ? null : reason;
            PartnerCoMarketing.FundRequest r = switch (action) {
                case "approve" -> coMarketing.approve(id, caller.label(), why);
                case "decline" -> coMarketing.decline(id, caller.label(), why);
                case "approve-claim" -> coMarketing.approveClaim(id, caller.label(), why);
                case "reject-claim" -> coMarketing.rejectClaim(id, caller.label(), why);
                case "pay" -> {
                    if (!caller.isOwnerAdmin()) {
                        throw ApiException.forbidden("Only owner admins pay out market development funds.");
                    }
                    yield coMarketing.pay(id, caller.label());
                }
                default -> throw ApiException.notFound("action", action);
            };
            return "Fund request for " + r.activity() + " is " + r.status().wire().replace('_', ' ') + ".";
        });
    }

    // ---- partner

    @GetMapping("/console/portal/co-marketing")
    @PreAuthorize(PartnerPages.PARTNER)
    String partner(Caller caller, Model model) {
        String id = caller.organizationId();
        model.addAttribute("partner", organizations.find(id).orElseThrow());
        model.addAttribute("budgets", coMarketing.budgets(id));
        model.addAttribute("requests", coMarketing.requests(id, null, PageQuery.first(100)).data());
        model.addAttribute("assets", coMarketing.assets(id, PageQuery.first(100)).data());
        model.addAttribute("kinds", PartnerCoMarketing.AssetKind.values());
        model.addAttribute("quarter", PartnerPages.Quarter.parse(null, clock.instant()).label());
        model.addAttribute("today", today());
        return "partners/portal-co-marketing";
    }

    @PostMapping("/console/portal/fund-requests")
    @PreAuthorize(PartnerPages.PARTNER)
    String request(@RequestParam String period, @RequestParam String activity, @RequestParam String amount, @RequestParam String currency,
            Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/portal/co-marketing", () -> {
            PartnerCoMarketing.FundRequest r = coMarketing.request(caller.organizationId(), period, activity,
                    PartnerPages.parseMajor(amount, currency));
            return "Requested " + r.amount() + " for " + r.activity() + "; it waits for approval.";
        });
    }

    @PostMapping("/console/portal/fund-requests/{id}/claim")
    @PreAuthorize(PartnerPages.PARTNER)
    String claim(@PathVariable String id, @RequestParam String proofUrl, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String note, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/portal/co-marketing", () -> {
            PartnerCoMarketing.FundRequest r = coMarketing.find(id).filter(f -> f.partnerId().equals(caller.organizationId()))
                    .orElseThrow(() -> ApiException.notFound("fund request", id));
            Money claimed = amount == null || amount.isBlank() ? null : PartnerPages.parseMajor(amount, r.amount().currency());
            PartnerCoMarketing.FundRequest c = coMarketing.claim(id, caller.organizationId(), proofUrl, claimed,
                    note == null || note.isBlank() ? null : note);
            return "Claimed " + c.claimedAmount() + "; it waits for the owner to check the proof.";
        });
    }

    @PostMapping("/console/portal/co-marketing/assets")
    @PreAuthorize(PartnerPages.PARTNER)
    String addAsset(@RequestParam String kind, @RequestParam String title, @RequestParam(required = false) String url,
            @RequestParam(required = false) LocalDate liveOn, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/console/portal/co-marketing", () -> {
            coMarketing.addAsset(caller.organizationId(), CoMarketingApi.assetKind(kind), title, url, liveOn, caller.label());
            return "Asset recorded.";
        });
    }

    private Organization partner(String id) {
        return organizations.find(id).filter(o -> o.kind() == dev.flywheel.identity.OrganizationKind.PARTNER)
                .orElseThrow(() -> ApiException.notFound("partner", id));
    }

    private String name(String id) {
        return organizations.find(id).map(Organization::name).orElse(id);
    }

    private static String requireCurrency(String currency) {
        if (!Money.isKnownCurrency(currency)) {
            throw ApiException.invalid("currency", "must be an ISO 4217 code such as USD");
        }
        return currency;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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
}
