package dev.flywheel.playbook;

import dev.flywheel.platform.console.DashboardCard;
import dev.flywheel.platform.console.DashboardSource;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Home-page cards for the owner's staff: where the 90-day launch stands and how many health warnings are open. */
@Configuration(proxyBeanMethods = false)
class PlaybookCards {

    private static final Set<String> STAFF = Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST");

    @Bean
    DashboardSource playbookDashboard(LaunchTracker tracker, HealthAdvisor advisor) {
        return viewer -> {
            if (viewer == null || viewer.getAuthorities().stream().noneMatch(a -> STAFF.contains(a.getAuthority()))) {
                return List.of();
            }
            LaunchTracker.View launch = tracker.view();
            String day = launch.start() == null ? "not started" : launch.day() < 1 ? "starts " + launch.start()
                    : launch.day() > LaunchPlan.DAYS ? "finished" : launch.day() + " of " + LaunchPlan.DAYS;
            List<HealthAdvice.Entry> health = advisor.advise();
            long running = health.stream().filter(e -> e.state() != HealthAdvice.State.NOT_AVAILABLE).count();
            return List.of(
                    new DashboardCard("90-day launch", List.of(new DashboardCard.Figure("day", day),
                            new DashboardCard.Figure("tasks done", launch.percentDone() + "%"),
                            new DashboardCard.Figure("criteria met", SuccessCriteria.met(launch.criteria()) + " of " + launch.criteria().size())),
                            "/console/playbook/launch", 500),
                    new DashboardCard("Ecosystem health", List.of(new DashboardCard.Figure("warnings", String.valueOf(HealthAdvice.warnings(health))),
                            new DashboardCard.Figure("checks running", running + " of " + health.size())), "/console/playbook/health", 510));
        };
    }
}
