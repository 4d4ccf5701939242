package dev.flywheel.platform.mail;

import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.paging.PageQuery;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The owner admin's view of every email Flywheel sent or holds (the only view when no SMTP is set up). */
@Controller
@PreAuthorize("hasRole('OWNER_ADMIN')")
class OutboxPage {

    private final Outbox outbox;

    OutboxPage(Outbox outbox) {
        this.outbox = outbox;
    }

    @Bean
    static NavItem outboxNav() {
        return new NavItem("Organization", "Mail outbox", "/console/outbox", 930, Set.of("ROLE_OWNER_ADMIN"));
    }

    @GetMapping("/console/outbox")
    String list(@RequestParam(name = "starting_after", required = false) String after, Model model) {
        model.addAttribute("page", outbox.page(PageQuery.of(50, after)));
        return "platform/outbox";
    }

    @GetMapping("/console/outbox/{id}")
    String show(@PathVariable String id, Model model) {
        model.addAttribute("message", outbox.find(id)
                .orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)));
        return "platform/outbox-message";
    }
}
