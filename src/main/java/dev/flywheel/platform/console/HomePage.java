package dev.flywheel.platform.console;

import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's home: every module's cards for the signed-in viewer. */
@Controller
class HomePage {

    private final List<DashboardSource> sources;

    HomePage(List<DashboardSource> sources) {
        this.sources = sources;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console")
    String home(Authentication viewer, Model model) {
        List<DashboardCard> cards = sources.stream()
                .flatMap(s -> s.cards(viewer).stream())
                .sorted(Comparator.comparingInt(DashboardCard::order))
                .toList();
        model.addAttribute("cards", cards);
        return "console/home";
    }
}
