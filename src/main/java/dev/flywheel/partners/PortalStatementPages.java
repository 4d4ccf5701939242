package dev.flywheel.partners;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.ledger.Ledger;
import dev.flywheel.ledger.Statement;
import dev.flywheel.platform.Mode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The partner portal's monthly statements: opening balances, every ledger line of the month, closing balances and payouts. */
@Controller
class PortalStatementPages {

    /** How many past months the month picker offers; older statements stay available through the API. */
    static final int MONTHS_OFFERED = 24;

    private final Ledger ledger;
    private final Organizations organizations;
    private final Clock clock;

    PortalStatementPages(Ledger ledger, Organizations organizations, Clock clock) {
        this.ledger = ledger;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/console/portal/statements")
    @PreAuthorize(PartnerPages.PARTNER)
    String statements(@RequestParam(required = false) String period, Caller caller, Model model) {
        YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        YearMonth month = current;
        if (period != null && period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            YearMonth asked = YearMonth.parse(period);
            if (!asked.isAfter(current)) {
                month = asked;
            } else {
                model.addAttribute("error", "There is no statement for " + period + " yet; showing " + current + ".");
            }
        } else if (period != null) {
            model.addAttribute("error", "A statement month looks like " + current + "; showing " + current + ".");
        }
        List<String> months = new ArrayList<>();
        for (int i = 0; i < MONTHS_OFFERED; i++) {
            months.add(current.minusMonths(i).toString());
        }
        Statement statement = ledger.statement(caller.organizationId(), Mode.LIVE, month);
        model.addAttribute("partner", organizations.find(caller.organizationId()).orElseThrow());
        model.addAttribute("statement", statement);
        model.addAttribute("opening", PartnerPages.balances(statement.opening()));
        model.addAttribute("closing", PartnerPages.balances(statement.closing()));
        model.addAttribute("months", months);
        model.addAttribute("period", month.toString());
        return "partners/statements";
    }
}
