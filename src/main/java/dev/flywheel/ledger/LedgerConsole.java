package dev.flywheel.ledger;

import dev.flywheel.platform.console.NavItem;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's navigation entry. */
@Configuration(proxyBeanMethods = false)
class LedgerConsole {

    @Bean
    NavItem payoutsNav() {
        return new NavItem("Program", "Payouts", "/console/payouts", 220, Set.of("ROLE_OWNER_ADMIN"));
    }
}
