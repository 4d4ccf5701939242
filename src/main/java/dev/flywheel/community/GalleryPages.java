package dev.flywheel.community;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.web.ApiException;
import dev.flywheel.platform.web.FieldError;
import dev.flywheel.platform.web.ProblemType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public gallery, template pages, contributor profiles, and the submit form with scrubbing feedback. */
@Controller
class GalleryPages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE_SIZE = 24;

    /** The submit form's fields, kept when the form is shown again with feedback. */
    record Form(String title, String description, String category, String format, String apps, String scopes, String payload,
            String onSecret, String remixOf, String price, String priceCurrency) {
    }

    private final Gallery gallery;
    private final Submissions submissions;
    private final Moderation moderation;
    private final TemplateRepository templates;
    private final TemplateSales sales;
    private final CommunityProperties properties;

    GalleryPages(Gallery gallery, Submissions submissions, Moderation moderation, TemplateRepository templates, TemplateSales sales,
            CommunityProperties properties) {
        this.sales = sales;
        this.properties = properties;
        this.gallery = gallery;
        this.submissions = submissions;
        this.moderation = moderation;
        this.templates = templates;
    }

    @GetMapping("/community")
    String gallery(@RequestParam(required = false) String q, @RequestParam(required = false) String category,
            @RequestParam(required = false, defaultValue = "1") int page, Model model) {
        List<String> categories = category == null || category.isBlank() ? List.of() : List.of(category);
        int p = Math.max(1, page);
        List<TemplateRepository.Ranked> ranked = gallery.ranked(categories, null, q, (p - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("templates", ranked.stream().limit(PAGE_SIZE).toList());
        model.addAttribute("prices", gallery.prices(ranked));
        model.addAttribute("hasMore", ranked.size() > PAGE_SIZE);
        model.addAttribute("page", p);
        model.addAttribute("q", q);
        model.addAttribute("category", category);
        model.addAttribute("categories", templates.categories());
        model.addAttribute("counts", templates.listedPerCategory(null));
        model.addAttribute("categoryNames", gallery.categoryNames());
        model.addAttribute("signedIn", Caller.current().isPresent());
        return "community/gallery";
    }

    @GetMapping("/community/templates/{id}")
    String template(@PathVariable String id, Model model) {
        Optional<Caller> caller = Caller.current();
        Template t = gallery.requireReadable(id, caller);
        if (t.listed()) {
            templates.countView(t.id());
        }
        int shownVersion = t.publishedVersion() != null ? t.publishedVersion() : t.latestVersion();
        TemplateVersion version = templates.version(t.id(), shownVersion).orElseThrow();
        model.addAttribute("view", gallery.view(t));
        model.addAttribute("t", t);
        model.addAttribute("version", version);
        // A paid template's workflow is the thing being sold: only its buyers, its author and the owner see it.
        model.addAttribute("payload", sales.mayRead(caller, t)
                ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(version.payload())) : null);
        model.addAttribute("contributorPercent", properties.contributorShare().movePointRight(2).stripTrailingZeros().toPlainString());
        model.addAttribute("lineage", gallery.lineage(t));
        model.addAttribute("signedIn", caller.isPresent());
        model.addAttribute("moderator", caller.map(c -> {
            try {
                Moderation.requireModerator(c);
                return true;
            } catch (ApiException e) {
                return false;
            }
        }).orElse(false));
        model.addAttribute("reasons", Moderation.REPORT_REASONS);
        return "community/template";
    }

    @GetMapping("/community/contributors/{organizationId}")
    String contributor(@PathVariable String organizationId, Model model) {
        Gallery.Profile profile = gallery.profile(organizationId);
        model.addAttribute("profile", profile);
        model.addAttribute("categoryNames", gallery.categoryNames());
        model.addAttribute("prices", gallery.prices(profile.templates()));
        // Earnings are the contributor's business: shown to that organization and the owner only.
        boolean mayseeEarnings = Caller.current().map(c -> c.canSee(organizationId)).orElse(false);
        model.addAttribute("earnings", mayseeEarnings ? sales.earnings(organizationId) : null);
        return "community/contributor";
    }

    @GetMapping("/community/submit")
    String submitForm(@RequestParam(name = "remix_of", required = false) String remixOf, Caller caller, Model model) {
        Form form = new Form("", "", "", "n8n-workflow", "", "", "", "refuse", remixOf, "", "USD");
        if (remixOf != null && !remixOf.isBlank()) {
            Template origin = gallery.requireReadable(remixOf, Optional.of(caller));
            if (!sales.mayRead(Optional.of(caller), origin)) {
                throw ApiException.unprocessable("This is a paid template; only its buyers can remix it.");
            }
            TemplateVersion v = templates.version(origin.id(), origin.publishedVersion() != null ? origin.publishedVersion() : origin.latestVersion())
                    .orElseThrow();
            form = new Form("Remix of " + origin.title(), origin.description(), origin.category(), origin.format().wire(),
                    String.join(", ", origin.apps()), String.join(", ", origin.scopes()),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(v.payload())), "refuse", origin.id(), "", "USD");
            model.addAttribute("origin", origin);
        }
        return showForm(form, model);
    }

    @PostMapping("/community/submit")
    String submit(Form form, Caller caller, Model model, RedirectAttributes redirect) {
        JsonNode payload;
        try {
            payload = JSON.readTree(form.payload() == null ? "" : form.payload());
        } catch (JacksonException e) {
            model.addAttribute("error", "The payload is not valid JSON: " + e.getOriginalMessage() + ". Paste the workflow exactly as exported.");
            return showForm(form, model);
        }
        try {
            dev.flywheel.platform.Money price = parseMajorUnits(form.price(), form.priceCurrency());
            Submissions.Submitted s = submissions.submit(caller, new Submissions.Submission(form.title(), form.description(), form.category(),
                    form.format(), split(form.apps()), split(form.scopes()), payload, form.onSecret(), form.remixOf(), null), price);
            String notice = s.version().redactions().isEmpty()
                    ? "Submitted for review. A moderator will look at it soon."
                    : "Submitted for review with " + s.version().redactions().size() + " secret(s) redacted.";
            redirect.addFlashAttribute("notice", notice);
            return "redirect:/community/templates/" + s.template().id();
        } catch (ApiException e) {
            model.addAttribute("error", e.getMessage());
            if (e.type() == ProblemType.SECRET_IN_PAYLOAD || e.type() == ProblemType.BLOCKED_CONTENT) {
                model.addAttribute("findings", e.errors());
            } else {
                model.addAttribute("findings", List.<FieldError>of());
            }
            return showForm(form, model);
        }
    }

    @PostMapping("/community/reports/{id}")
    String report(@PathVariable String id, @RequestParam String reason, @RequestParam(required = false) String detail, Caller caller,
            RedirectAttributes redirect) {
        try {
            moderation.report(caller, id, reason, detail);
            redirect.addFlashAttribute("notice", "Thank you: the report was sent to the moderators.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/community/templates/" + id;
    }

    private String showForm(Form form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("categories", templates.categories());
        model.addAttribute("formats", Arrays.stream(TemplateFormat.values()).map(TemplateFormat::wire).toList());
        return "community/submit";
    }

    /** The form's price in major units ("19.00") as Money, or null when left empty (a free template). */
    static dev.flywheel.platform.Money parseMajorUnits(String price, String currency) {
        if (price == null || price.isBlank()) {
            return null;
        }
        String code = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        if (!dev.flywheel.platform.Money.isKnownCurrency(code)) {
            throw ApiException.invalid("price_currency", "must be an ISO 4217 code such as USD or EUR");
        }
        try {
            int digits = Math.max(0, java.util.Currency.getInstance(code).getDefaultFractionDigits());
            long minor = new java.math.BigDecimal(price.strip()).movePointRight(digits).longValueExact();
            return TemplateSales.parsePrice(minor, code).orElseThrow();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ApiException.invalid("price", "must be an amount such as 19.00, with at most the currency's decimals");
        }
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
