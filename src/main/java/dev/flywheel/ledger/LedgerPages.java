package dev.flywheel.ledger;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.web.ApiException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The owner's payouts page: run the month's batch, see what each batch paid or skipped, download the export. */
@Controller
class LedgerPages {

    private final Ledger ledger;
    private final Organizations organizations;
    private final java.time.Clock clock;

    LedgerPages(Ledger ledger, Organizations organizations, java.time.Clock clock) {
        this.ledger = ledger;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/console/payouts")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String payouts(Model model) {
        List<PayoutBatch> batches = ledger.recentPayoutBatches(24);
        Map<String, String> names = new LinkedHashMap<>();
        for (PayoutBatch b : batches) {
            for (PayoutBatch.Payout p : b.payouts()) {
                names.computeIfAbsent(p.holderId(), id -> organizations.find(id).map(Organization::name).orElse(id));
            }
        }
        model.addAttribute("batches", batches);
        model.addAttribute("names", names);
        model.addAttribute("period", YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).toString());
        return "ledger/payouts";
    }

    @PostMapping("/console/payouts")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String run(@RequestParam String period, Caller caller, RedirectAttributes redirect) {
        try {
            PayoutBatch batch = ledger.runPayoutBatch(LedgerApi.parsePeriod(period));
            long paid = batch.payouts().stream().filter(PayoutBatch.Payout::paid).count();
            redirect.addFlashAttribute("notice", "Payout batch " + batch.period() + " is " + batch.status().wire() + ": " + paid + " paid, "
                    + (batch.payouts().size() - paid) + " skipped.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/payouts";
    }
}
