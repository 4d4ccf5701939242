package dev.flywheel.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The pages the {@code type} of every problem document points at. */
@Controller
class ProblemCatalogPage {

    @GetMapping("/problems")
    String all(Model model) {
        model.addAttribute("types", ProblemType.catalog());
        return "problems";
    }

    @GetMapping("/problems/{slug}")
    String one(@PathVariable String slug, Model model) {
        model.addAttribute("types", ProblemType.catalog().stream().filter(t -> t.slug().equals(slug)).toList());
        model.addAttribute("selected", slug);
        return "problems";
    }
}
