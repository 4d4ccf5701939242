package dev.flywheel.playbook;

import dev.flywheel.community.Community;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Money;
import dev.flywheel.platform.console.NavItem;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
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
import tools.jackson.databind.json.JsonMapper;

/** The playbook pages of the console, for the owner's staff (analysts read; admins and partner managers change). */
@Controller
@PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')")
class PlaybookPages {

    private static final String EDITORS = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One question of the platform decision with its answer and the live evidence behind a pre-filled answer. */
    record Answer(PlatformDecision.Question question, Boolean yes, String evidence) {
    }

    private final MapBuilder maps;
    private final PlaybookRepository repository;
    private final Organizations organizations;
    private final Community community;
    private final Clock clock;

    PlaybookPages(MapBuilder maps, PlaybookRepository repository, Organizations organizations, Community community, Clock clock) {
        this.maps = maps;
        this.repository = repository;
        this.organizations = organizations;
        this.community = community;
        this.clock = clock;
    }

    @Bean
    static NavItem playbookNav() {
        return new NavItem("Growth", "Playbook", "/console/playbook", 500, Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }

    @GetMapping("/console/playbook")
    String index() {
        return "redirect:/console/playbook/map";
    }

    // ---- ecosystem map

    @GetMapping("/console/playbook/map")
    String map(Model model) {
        EcosystemMap map = maps.build();
        model.addAttribute("svg", MapSvg.render(map));
        model.addAttribute("map", map);
        model.addAttribute("additions", repository.mapAdditions());
        model.addAttribute("flows", EcosystemMap.Flow.values());
        return "playbook/map";
    }

    @GetMapping(value = "/console/playbook/map.svg", produces = "image/svg+xml")
    ResponseEntity<String> mapSvg() {
        return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
                .header("Content-Disposition", "attachment; filename=\"ecosystem-map.svg\"").body(MapSvg.render(maps.build()));
    }

    @GetMapping(value = "/console/playbook/map.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> mapJson() {
        EcosystemMap map = maps.build();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodes", map.nodes().stream().map(n -> Map.of("id", n.id(), "kind", n.kind().name().toLowerCase(Locale.ROOT), "label", n.label(),
                "weight", n.weight(), "source", n.source())).toList());
        body.put("edges", map.edges().stream().map(e -> Map.of("from", e.from(), "to", e.to(), "flow", e.flow().name().toLowerCase(Locale.ROOT),
                "weight", e.weight(), "label", e.label(), "indirect", e.indirect())).toList());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"ecosystem-map.json\"").body(JSON.writeValueAsString(body));
    }

    @PostMapping("/console/playbook/map/nodes")
    @PreAuthorize(EDITORS)
    String addNode(@RequestParam String label, @RequestParam(required = false) Long weight, RedirectAttributes redirect) {
        if (label == null || label.isBlank() || label.length() > 200) {
            redirect.addFlashAttribute("error", "Give the node a label of 1 to 200 characters.");
        } else {
            repository.insertMapAddition(new PlaybookRepository.MapAddition(Ids.next("mpn"), "node", label.trim(), null, null, null,
                    weight == null ? 1 : Math.max(0, weight)), clock.instant());
            redirect.addFlashAttribute("notice", "Added '" + label.trim() + "' to the map.");
        }
        return "redirect:/console/playbook/map";
    }

    @PostMapping("/console/playbook/map/edges")
    @PreAuthorize(EDITORS)
    String addEdge(@RequestParam String from, @RequestParam String to, @RequestParam EcosystemMap.Flow flow,
            @RequestParam(required = false) Long weight, @RequestParam(required = false) String label, RedirectAttributes redirect) {
        EcosystemMap map = maps.build();
        boolean known = map.nodes().stream().anyMatch(n -> n.id().equals(from)) && map.nodes().stream().anyMatch(n -> n.id().equals(to));
        if (!known || from.equals(to)) {
            redirect.addFlashAttribute("error", "Pick two different nodes that are on the map.");
        } else {
            repository.insertMapAddition(new PlaybookRepository.MapAddition(Ids.next("mpe"), "edge",
                    label == null || label.isBlank() ? flow.name().toLowerCase(Locale.ROOT) : label.trim(), from, to, flow.name(),
                    weight == null ? 1 : Math.max(0, weight)), clock.instant());
            redirect.addFlashAttribute("notice", "Connection added.");
        }
        return "redirect:/console/playbook/map";
    }

    @PostMapping("/console/playbook/map/additions/{id}/delete")
    @PreAuthorize(EDITORS)
    String deleteAddition(@PathVariable String id, RedirectAttributes redirect) {
        redirect.addFlashAttribute(repository.deleteMapAddition(id) ? "notice" : "error",
                repository.mapAdditions().isEmpty() ? "Removed." : "Removed (if it existed).");
        return "redirect:/console/playbook/map";
    }

    // ---- impact vs effort matrix

    @GetMapping("/console/playbook/matrix")
    String matrix(Model model) {
        List<LeverPriority.Scored> levers = repository.levers();
        model.addAttribute("levers", levers);
        model.addAttribute("priority", LeverPriority.order(levers));
        model.addAttribute("singlePillar", LeverPriority.singlePillar(levers).orElse(null));
        model.addAttribute("svg", MatrixSvg.render(levers));
        model.addAttribute("pillars", LeverPriority.Pillar.values());
        model.addAttribute("stakeholders", repository.stakeholders());
        return "playbook/matrix";
    }

    @PostMapping("/console/playbook/matrix/scores")
    @PreAuthorize(EDITORS)
    String score(@RequestParam String stakeholder, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        if (stakeholder == null || stakeholder.isBlank() || stakeholder.length() > 200) {
            redirect.addFlashAttribute("error", "Say who is scoring (a name or a role).");
            return "redirect:/console/playbook/matrix";
        }
        int saved = 0;
        for (LeverPriority.Scored lever : repository.levers()) {
            String impact = params.get("impact_" + lever.id());
            String effort = params.get("effort_" + lever.id());
            if (impact == null || effort == null || impact.isBlank() || effort.isBlank()) {
                continue;
            }
            int i = Integer.parseInt(impact);
            int e = Integer.parseInt(effort);
            if (i < 1 || i > 5 || e < 1 || e > 5) {
                redirect.addFlashAttribute("error", "Scores go from 1 to 5.");
                return "redirect:/console/playbook/matrix";
            }
            repository.insertScore(Ids.next("lsc"), lever.id(), stakeholder.trim(), i, e, clock.instant());
            saved++;
        }
        redirect.addFlashAttribute("notice", "Saved " + saved + " score(s) from " + stakeholder.trim() + ".");
        return "redirect:/console/playbook/matrix";
    }

    @PostMapping("/console/playbook/matrix/levers")
    @PreAuthorize(EDITORS)
    String addLever(@RequestParam String name, @RequestParam(required = false) String description,
            @RequestParam(required = false) List<LeverPriority.Pillar> pillars, RedirectAttributes redirect) {
        if (name == null || name.isBlank() || name.length() > 200 || pillars == null || pillars.isEmpty()) {
            redirect.addFlashAttribute("error", "A lever needs a name and at least one pillar it feeds.");
        } else {
            repository.insertLever(Ids.next("lev"), name.trim(), description, EnumSet.copyOf(pillars), clock.instant());
            redirect.addFlashAttribute("notice", "Lever '" + name.trim() + "' added; score it in the survey below.");
        }
        return "redirect:/console/playbook/matrix";
    }

    // ---- platform decision

    @GetMapping("/console/playbook/decision")
    String decision(@RequestParam Map<String, String> params, Model model) {
        long accounts = organizations.count(OrganizationKind.CUSTOMER);
        Community.Figures gallery = community.figures();
        List<Answer> answers = new ArrayList<>();
        for (PlatformDecision.Question q : PlatformDecision.Question.values()) {
            Boolean prefilled = null;
            String evidence;
            switch (q) {
                case CRITICAL_MASS -> {
                    evidence = accounts + " customer accounts in Flywheel across all segments (confirm the count for your largest segment).";
                    prefilled = accounts >= 10_000 ? Boolean.TRUE : null;
                }
                case USE_CASES -> {
                    evidence = gallery.publishedTemplates() + " published integration templates in the gallery.";
                    prefilled = gallery.publishedTemplates() >= 20 ? Boolean.TRUE : null;
                }
                case ECONOMICS -> evidence = "Not measurable yet: needs the marketplace and ledger modules.";
                default -> evidence = "Flywheel holds no data on this: answer it yourself.";
            }
            String given = params.get(q.name());
            Boolean yes = given == null ? prefilled : Boolean.valueOf("yes".equalsIgnoreCase(given));
            answers.add(new Answer(q, yes, evidence));
        }
        int yesCount = (int) answers.stream().filter(a -> Boolean.TRUE.equals(a.yes())).count();
        model.addAttribute("answers", answers);
        model.addAttribute("yesCount", yesCount);
        model.addAttribute("verdict", PlatformDecision.verdict(yesCount));
        return "playbook/decision";
    }

    // ---- survey

    @GetMapping("/console/playbook/survey")
    String survey(Model model) {
        model.addAttribute("targets", repository.targets());
        return "playbook/survey";
    }

    @PostMapping("/console/playbook/survey")
    String analyse(@RequestParam String csv, Model model) {
        model.addAttribute("csv", csv);
        try {
            model.addAttribute("result", SurveyAnalysis.analyse(SurveyAnalysis.parseCsv(csv)));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("targets", repository.targets());
        return "playbook/survey";
    }

    @PostMapping("/console/playbook/targets")
    @PreAuthorize(EDITORS)
    String target(@RequestParam String tool, @RequestParam BigDecimal score, @RequestParam int dailyUsers, @RequestParam int respondents,
            RedirectAttributes redirect) {
        boolean added = repository.insertTarget(new PlaybookRepository.Target(Ids.next("itg"), tool, score, dailyUsers, respondents,
                ToolNames.feasibility(tool).name().toLowerCase(Locale.ROOT), "planned", clock.instant()));
        redirect.addFlashAttribute("notice", added ? tool + " is now a tracked integration target." : tool + " was already a target.");
        return "redirect:/console/playbook/survey";
    }

    // ---- ROI

    @GetMapping("/console/playbook/roi")
    String roi(@RequestParam(defaultValue = "500") long visitors, @RequestParam(defaultValue = "8") BigDecimal conversion,
            @RequestParam(defaultValue = "2") BigDecimal baseline, @RequestParam(defaultValue = "150") BigDecimal arpu,
            @RequestParam(defaultValue = "24") int lifetime, @RequestParam(defaultValue = "20") BigDecimal takeRate,
            @RequestParam(defaultValue = "2000") BigDecimal cost, Model model) {
        model.addAttribute("visitors", visitors);
        model.addAttribute("conversion", conversion);
        model.addAttribute("baseline", baseline);
        model.addAttribute("arpu", arpu);
        model.addAttribute("lifetime", lifetime);
        model.addAttribute("takeRate", takeRate);
        model.addAttribute("cost", cost);
        if (visitors < 0 || lifetime < 0 || arpu.signum() < 0 || cost.signum() < 0 || outOfPercent(conversion) || outOfPercent(baseline)
                || outOfPercent(takeRate)) {
            model.addAttribute("error", "Use non-negative numbers, and percentages between 0 and 100.");
            return "playbook/roi";
        }
        BigDecimal hundred = BigDecimal.valueOf(100);
        model.addAttribute("result", RoiCalculator.calculate(new RoiCalculator.Inputs(visitors, conversion.divide(hundred),
                baseline.divide(hundred), cents(arpu), lifetime, takeRate.divide(hundred), cents(cost))));
        return "playbook/roi";
    }

    private static boolean outOfPercent(BigDecimal p) {
        return p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0;
    }

    private static Money cents(BigDecimal dollars) {
        return Money.of(dollars.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact(), "USD");
    }
}
