package dev.flywheel.identity;

import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The identity pages of the console: team, own account, API keys, partners, accounts, audit log. */
@Controller
class ConsolePages {

    private static final String OWNER_STAFF = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST')";

    private final Team team;
    private final Organizations organizations;
    private final UserRepository users;
    private final ApiKeys keys;
    private final AuditLog audit;

    ConsolePages(Team team, Organizations organizations, UserRepository users, ApiKeys keys, AuditLog audit) {
        this.team = team;
        this.organizations = organizations;
        this.users = users;
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping("/console/team")
    String team(Caller caller, Model model) {
        model.addAttribute("organization", organizations.find(caller.organizationId()).orElseThrow());
        model.addAttribute("members", team.members(caller));
        model.addAttribute("roles", Role.of(caller.organizationKind()));
        model.addAttribute("canManage", caller.role() != null && caller.role().isAdmin());
        model.addAttribute("me", caller.actorId());
        return "identity/team";
    }

    @PostMapping("/console/team/invite")
    String invite(Caller caller, @RequestParam String email, @RequestParam Role role, RedirectAttributes redirect) {
        return act(redirect, "/console/team", () -> {
            User invited = team.invite(caller, email, role);
            return "Invitation sent to " + invited.email() + ".";
        });
    }

    @PostMapping("/console/team/{userId}/disable")
    String disable(Caller caller, @PathVariable String userId, RedirectAttributes redirect) {
        return act(redirect, "/console/team", () -> {
            team.disable(caller, userId);
            return "The user can no longer sign in.";
        });
    }

    @PostMapping("/console/team/{userId}/enable")
    String enable(Caller caller, @PathVariable String userId, RedirectAttributes redirect) {
        return act(redirect, "/console/team", () -> {
            team.enable(caller, userId);
            return "The user can sign in again.";
        });
    }

    @GetMapping("/console/account")
    String account(Caller caller, Model model) {
        model.addAttribute("user", users.find(caller.actorId()).orElseThrow());
        model.addAttribute("organization", organizations.find(caller.organizationId()).orElseThrow());
        return "identity/account";
    }

    @PostMapping("/console/account/password")
    String changePassword(Caller caller, @RequestParam String current, @RequestParam String password, @RequestParam String confirmation,
            RedirectAttributes redirect) {
        Optional<String> problem = team.changePassword(caller, current, password, confirmation);
        if (problem.isPresent()) {
            redirect.addFlashAttribute("error", problem.get());
        } else {
            redirect.addFlashAttribute("notice", "Your password was changed.");
        }
        return "redirect:/console/account";
    }

    @GetMapping("/console/api-keys")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String apiKeys(Caller caller, Model model) {
        model.addAttribute("keys", keys.ofOrganization(caller.organizationId()));
        return "identity/api-keys";
    }

    @PostMapping("/console/api-keys")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String createKey(Caller caller, @RequestParam String name, @RequestParam Mode mode, RedirectAttributes redirect) {
        if (name == null || name.isBlank() || name.length() > 200) {
            redirect.addFlashAttribute("error", "Give the key a name of 1 to 200 characters, e.g. 'Product backend'.");
            return "redirect:/console/api-keys";
        }
        ApiKeys.Issued issued = keys.issue(caller.organizationId(), mode, name, caller.actorId());
        redirect.addFlashAttribute("secret", issued.secret());
        redirect.addFlashAttribute("notice", "Key created. Copy it now: it is shown only once.");
        return "redirect:/console/api-keys";
    }

    @PostMapping("/console/api-keys/{keyId}/revoke")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String revokeKey(Caller caller, @PathVariable String keyId, RedirectAttributes redirect) {
        return act(redirect, "/console/api-keys", () -> {
            ApiKey key = keys.find(keyId).filter(k -> k.organizationId().equals(caller.organizationId()))
                    .orElseThrow(() -> ApiException.notFound("API key", keyId));
            keys.revoke(key.id());
            return "Key " + key.displayPrefix() + "… revoked; requests with it are refused from now on.";
        });
    }

    @GetMapping("/console/partners")
    @PreAuthorize(OWNER_STAFF)
    String partners(@RequestParam(required = false) String q, @RequestParam(name = "starting_after", required = false) String after,
            Model model) {
        model.addAttribute("page", organizations.partners(q, PageQuery.of(25, after)));
        model.addAttribute("q", q);
        model.addAttribute("types", PartnerType.values());
        return "identity/partners";
    }

    @PostMapping("/console/partners")
    @PreAuthorize("hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER')")
    String createPartner(@RequestParam String name, @RequestParam PartnerType type, @RequestParam(required = false) String domain,
            @RequestParam String adminEmail, RedirectAttributes redirect) {
        return act(redirect, "/console/partners", () -> {
            String normalized = Domains.normalize(domain);
            if (name == null || name.isBlank() || name.length() > 200) {
                throw ApiException.invalid("name", "must be 1 to 200 characters");
            }
            if (normalized != null && !Domains.isValid(normalized)) {
                throw ApiException.invalid("domain", "must be a domain name such as acme.com");
            }
            if (adminEmail == null || !adminEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ApiException.invalid("admin email", "must be an email address such as jane@acme.com");
            }
            Organization partner = organizations.createPartner(name, type, normalized, adminEmail);
            return partner.name() + " was created and " + adminEmail.trim() + " was invited.";
        });
    }

    @GetMapping("/console/partners/{id}")
    @PreAuthorize(OWNER_STAFF)
    String partner(@PathVariable String id, Caller caller, Model model) {
        Organization partner = organizations.requireVisible(id, caller, OrganizationKind.PARTNER);
        model.addAttribute("partner", partner);
        model.addAttribute("members", users.ofOrganization(partner.id()));
        model.addAttribute("keys", keys.ofOrganization(partner.id()));
        return "identity/partner";
    }

    @GetMapping("/console/accounts")
    @PreAuthorize(OWNER_STAFF)
    String accounts(@RequestParam(required = false) String q, @RequestParam(name = "starting_after", required = false) String after,
            @RequestParam(required = false, defaultValue = "LIVE") Mode mode, Model model) {
        model.addAttribute("page", organizations.accounts(mode, q, PageQuery.of(25, after)));
        model.addAttribute("q", q);
        model.addAttribute("mode", mode);
        return "identity/accounts";
    }

    @GetMapping("/console/audit")
    @PreAuthorize("hasRole('OWNER_ADMIN')")
    String audit(@RequestParam(required = false) String action, @RequestParam(name = "starting_after", required = false) String after,
            Model model) {
        model.addAttribute("page", audit.page(action, PageQuery.of(50, after)));
        model.addAttribute("actions", audit.actions());
        model.addAttribute("action", action);
        return "identity/audit";
    }

    private static String act(RedirectAttributes redirect, String back, java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }
}
