package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The moderation queue, abuse reports, block-list and featured placement, for owner admins and partner managers. */
@Controller
@PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')")
class ModerationPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BACK = "/console/community/moderation";

    /** A queue entry as the page shows it: the template, the version, and its payload pretty-printed. */
    record Entry(Template template, TemplateVersion version, String authorName, String payload) {
    }

    private final TemplateRepository templates;
    private final ModerationRepository reports;
    private final Moderation moderation;
    private final Gallery gallery;

    ModerationPages(TemplateRepository templates, ModerationRepository reports, Moderation moderation, Gallery gallery) {
        this.templates = templates;
        this.reports = reports;
        this.moderation = moderation;
        this.gallery = gallery;
    }

    @GetMapping(BACK)
    String queue(@RequestParam(name = "starting_after", required = false) String after, Model model) {
        PageQuery query = PageQuery.of(20, after);
        List<TemplateRepository.QueueItem> rows = templates.queue(query.startingAfter(), query.fetchSize());
        List<Entry> entries = rows.stream().limit(query.limit()).map(i -> new Entry(i.template(), i.version(),
                gallery.authorName(i.template().authorOrgId()),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(i.version().payload())))).toList();
        model.addAttribute("entries", entries);
        model.addAttribute("next", rows.size() > query.limit() ? entries.get(entries.size() - 1).version().id() : null);
        model.addAttribute("reports", reports.reports("open", PageQuery.of(50, null)).data());
        model.addAttribute("blocklist", reports.blocklist());
        return "community/moderation";
    }

    @PostMapping(BACK + "/versions/{versionId}")
    String decide(@PathVariable String versionId, @RequestParam String decision, @RequestParam(required = false) String reason, Caller caller,
            RedirectAttributes redirect) {
        return act(redirect, BACK, () -> {
            Template t = moderation.decide(caller, versionId, CommunityApi.parseDecision(decision), reason);
            return "'" + t.title() + "' is now " + t.state().wire().replace('_', ' ') + ".";
        });
    }

    @PostMapping(BACK + "/reports/{id}")
    String resolve(@PathVariable String id, @RequestParam String action, @RequestParam(required = false) String note, Caller caller,
            RedirectAttributes redirect) {
        return act(redirect, BACK, () -> {
            ModerationRepository.AbuseReport r = moderation.resolve(caller, id, "uphold".equals(action), note);
            return "Report " + r.status() + ".";
        });
    }

    @PostMapping(BACK + "/blocklist")
    String block(@RequestParam String kind, @RequestParam String term, Caller caller, RedirectAttributes redirect) {
        return act(redirect, BACK, () -> {
            ModerationRepository.BlockedTerm b = moderation.block(caller, kind, term);
            return "Blocked " + b.kind() + " '" + b.term() + "'.";
        });
    }

    @PostMapping(BACK + "/blocklist/{id}/delete")
    String unblock(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        return act(redirect, BACK, () -> {
            moderation.unblock(caller, id);
            return "Removed from the block-list.";
        });
    }

    @PostMapping(BACK + "/templates/{id}/featured")
    String feature(@PathVariable String id, @RequestParam(required = false) Integer rank, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/community/templates/" + id, () -> {
            Template t = moderation.feature(caller, id, rank);
            return t.featuredRank() == null ? "No longer featured." : "Featured at rank " + t.featuredRank() + ".";
        });
    }

    @PostMapping(BACK + "/templates/{id}/restore")
    String restore(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        return act(redirect, "/community/templates/" + id, () -> "'" + moderation.restore(caller, id).title() + "' is listed again.");
    }

    private static String act(RedirectAttributes redirect, String back, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }
}
