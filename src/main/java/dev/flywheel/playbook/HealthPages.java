package dev.flywheel.playbook;

import dev.flywheel.platform.console.NavItem;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The ecosystem health advisor page. */
@Controller
@PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')")
class HealthPages {

    private final HealthAdvisor advisor;

    HealthPages(HealthAdvisor advisor) {
        this.advisor = advisor;
    }

    @Bean
    static NavItem healthAdvisorNav() {
        return new NavItem("Growth", "Health advisor", "/console/playbook/health", 520, Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }

    @GetMapping("/console/playbook/health")
    String health(Model model) {
        List<HealthAdvice.Entry> entries = advisor.advise();
        model.addAttribute("entries", entries);
        model.addAttribute("warnings", HealthAdvice.warnings(entries));
        model.addAttribute("unavailable", entries.stream().filter(e -> e.state() == HealthAdvice.State.NOT_AVAILABLE).count());
        return "playbook/health";
    }
}
