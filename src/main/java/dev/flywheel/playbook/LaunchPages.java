package dev.flywheel.playbook;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.console.NavItem;
import dev.flywheel.platform.paging.PageQuery;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The 90-day launch tracker and its co-marketing register (analysts read; admins and partner managers change). */
@Controller
@PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')")
class LaunchPages {

    private static final String EDITORS = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')";
    private static final String PAGE = "redirect:/console/playbook/launch";

    private final LaunchTracker tracker;
    private final LaunchRepository repository;
    private final Organizations organizations;
    private final Clock clock;

    LaunchPages(LaunchTracker tracker, LaunchRepository repository, Organizations organizations, Clock clock) {
        this.tracker = tracker;
        this.repository = repository;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Bean
    static NavItem launchTrackerNav() {
        return new NavItem("Growth", "Launch tracker", "/console/playbook/launch", 510, Set.of("ROLE_OWNER_ADMIN", "ROLE_PARTNER_MANAGER", "ROLE_ANALYST"));
    }

    @GetMapping("/console/playbook/launch")
    String launch(Model model) {
        LaunchTracker.View view = tracker.view();
        model.addAttribute("view", view);
        model.addAttribute("met", SuccessCriteria.met(view.criteria()));
        model.addAttribute("phases", LaunchPlan.Phase.values());
        model.addAttribute("assets", tracker.assets());
        model.addAttribute("kinds", CoMarketing.Kind.values());
        model.addAttribute("partners", organizations.partners(null, PageQuery.first(PageQuery.MAX_LIMIT)).data());
        return "playbook/launch";
    }

    @PostMapping("/console/playbook/launch/start")
    @PreAuthorize(EDITORS)
    String start(@RequestParam String startDate, RedirectAttributes redirect) {
        LocalDate date = parseDate(startDate);
        if (date == null) {
            redirect.addFlashAttribute("error", "Give the start date as a date (YYYY-MM-DD).");
        } else {
            tracker.start(date);
            redirect.addFlashAttribute("notice", "The 90 days run from " + date + " to " + LaunchPlan.date(date, LaunchPlan.DAYS) + ".");
        }
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/tasks/{id}/done")
    @PreAuthorize(EDITORS)
    String done(@PathVariable String id, @RequestParam boolean done, Caller caller, RedirectAttributes redirect) {
        boolean changed = done ? repository.tick(id, caller.label(), clock.instant()) : repository.untick(id);
        redirect.addFlashAttribute(changed ? "notice" : "error", changed ? (done ? "Task ticked off." : "Task reopened.")
                : "That task was already " + (done ? "done" : "open") + " or no longer exists.");
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/tasks/{id}/note")
    @PreAuthorize(EDITORS)
    String note(@PathVariable String id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        String text = note == null || note.isBlank() ? null : note.trim();
        if (text != null && text.length() > 2000) {
            redirect.addFlashAttribute("error", "Keep a note under 2,000 characters.");
        } else if (repository.note(id, text)) {
            redirect.addFlashAttribute("notice", text == null ? "Note removed." : "Note saved.");
        } else {
            redirect.addFlashAttribute("error", "That task no longer exists.");
        }
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/tasks")
    @PreAuthorize(EDITORS)
    String addTask(@RequestParam String title, @RequestParam LaunchPlan.Phase phase, @RequestParam(required = false) Integer dueDay,
            RedirectAttributes redirect) {
        int day = dueDay == null ? phase.lastDay() : dueDay;
        if (title == null || title.isBlank() || title.length() > 300) {
            redirect.addFlashAttribute("error", "A task needs a title of 1 to 300 characters.");
        } else if (day < phase.firstDay() || day > phase.lastDay()) {
            redirect.addFlashAttribute("error", phase.label() + " runs from day " + phase.firstDay() + " to day " + phase.lastDay()
                    + "; pick a due day in that range.");
        } else {
            repository.insertTask(Ids.next("ltk"), phase, day, title.trim(), clock.instant());
            redirect.addFlashAttribute("notice", "Task added to " + phase.label() + ".");
        }
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/tasks/{id}/delete")
    @PreAuthorize(EDITORS)
    String deleteTask(@PathVariable String id, RedirectAttributes redirect) {
        boolean deleted = repository.deleteCustomTask(id);
        redirect.addFlashAttribute(deleted ? "notice" : "error", deleted ? "Task removed." : "Only tasks added by hand can be removed.");
        return PAGE;
    }

    // ---- co-marketing register

    @PostMapping("/console/playbook/launch/assets")
    @PreAuthorize(EDITORS)
    String addAsset(@RequestParam CoMarketing.Kind kind, @RequestParam String title, @RequestParam(required = false) String partnerId,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String url,
            @RequestParam(required = false) String liveOn, RedirectAttributes redirect) {
        String error = null;
        String partner = partnerId == null || partnerId.isBlank() ? null : partnerId.trim();
        String where = channel == null || channel.isBlank() ? null : channel.trim();
        String link = url == null || url.isBlank() ? null : url.trim();
        LocalDate live = liveOn == null || liveOn.isBlank() ? null : parseDate(liveOn);
        if (title == null || title.isBlank() || title.length() > 200) {
            error = "An asset needs a title of 1 to 200 characters.";
        } else if (kind == CoMarketing.Kind.EXTERNAL_LISTING && where == null) {
            error = "Name the external marketplace the listing is on (e.g. HubSpot App Marketplace).";
        } else if (kind != CoMarketing.Kind.EXTERNAL_LISTING && partner == null) {
            error = "A " + kind.label().toLowerCase(Locale.ROOT) + " is made with a partner: pick one.";
        } else if (partner != null && organizations.find(partner).filter(o -> o.kind() == OrganizationKind.PARTNER).isEmpty()) {
            error = "Pick a partner from the list.";
        } else if (where != null && where.length() > 200) {
            error = "Keep the channel under 200 characters.";
        } else if (link != null && !isWebLink(link)) {
            error = "The link must be an http(s) address.";
        } else if (liveOn != null && !liveOn.isBlank() && live == null) {
            error = "Give the live date as a date (YYYY-MM-DD), or leave it empty while the asset is planned.";
        }
        if (error != null) {
            redirect.addFlashAttribute("error", error);
            return PAGE;
        }
        repository.insertAsset(new CoMarketing.Asset(Ids.next("cma"), kind, title.trim(), partner, null, where, link, live), clock.instant());
        redirect.addFlashAttribute("notice", "'" + title.trim() + "' is in the co-marketing register" + (live == null ? " as planned." : "."));
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/assets/{id}/live")
    @PreAuthorize(EDITORS)
    String assetLive(@PathVariable String id, RedirectAttributes redirect) {
        boolean changed = repository.markLive(id, tracker.today());
        redirect.addFlashAttribute(changed ? "notice" : "error", changed ? "Marked live today." : "That asset no longer exists.");
        return PAGE;
    }

    @PostMapping("/console/playbook/launch/assets/{id}/delete")
    @PreAuthorize(EDITORS)
    String deleteAsset(@PathVariable String id, RedirectAttributes redirect) {
        boolean deleted = repository.deleteAsset(id);
        redirect.addFlashAttribute(deleted ? "notice" : "error", deleted ? "Removed from the register." : "That asset no longer exists.");
        return PAGE;
    }

    private static LocalDate parseDate(String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    static boolean isWebLink(String value) {
        if (value.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
