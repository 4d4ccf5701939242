package dev.flywheel.webhooks;

import dev.flywheel.developer.App;
import dev.flywheel.developer.Apps;
import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console pages, for the owner's endpoints and, in the partner portal, for the partner's app
 * endpoints (the same pages; {@link WebhookEndpoints} decides what each caller sees): the list,
 * one endpoint with its secret, test message, delivery log, resend and recovery.
 */
@Controller
class WebhooksPages {

    private static final String STAFF = "hasAnyRole('OWNER_ADMIN','PARTNER_MANAGER','ANALYST','PARTNER_ADMIN','PARTNER_MEMBER')";
    private static final String ADMIN = "hasAnyRole('OWNER_ADMIN','PARTNER_ADMIN')";

    private final WebhookEndpoints service;
    private final DeliveryQueue queue;
    private final Apps apps;

    WebhooksPages(WebhookEndpoints service, DeliveryQueue queue, Apps apps) {
        this.service = service;
        this.queue = queue;
        this.apps = apps;
    }

    @GetMapping("/console/webhooks")
    @PreAuthorize(STAFF)
    String list(@RequestParam(name = "starting_after", required = false) String after, @RequestParam(name = "app_id", required = false) String appId,
            Caller caller, Model model) {
        model.addAttribute("page", service.page(caller, appId, PageQuery.of(25, after)));
        model.addAttribute("partner", !caller.isOwner());
        model.addAttribute("apps", caller.isOwner() ? List.of()
                : apps.list(caller, PageQuery.of(100, null)).data().stream().filter(App::isActive).toList());
        return "webhooks/endpoints";
    }

    @PostMapping("/console/webhooks")
    @PreAuthorize(ADMIN)
    String create(@RequestParam String url, @RequestParam String eventTypes, @RequestParam(required = false) String description,
            @RequestParam(name = "app_id", required = false) String appId, Caller caller, RedirectAttributes redirect) {
        try {
            List<String> types = Arrays.stream(eventTypes.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            App app = service.appForCreate(caller, appId);
            WebhookEndpoints.Created created = app == null
                    ? service.create(caller.organizationId(), caller.mode(), url, types, description, null, "console")
                    : service.createForApp(app, url, types, description, null, Map.of(), "console");
            redirect.addFlashAttribute("secret", created.secret());
            redirect.addFlashAttribute("notice", "Endpoint created. Copy its signing secret now; you can reveal it again on this page.");
            return "redirect:/console/webhooks/" + created.endpoint().id();
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/webhooks";
        }
    }

    @GetMapping("/console/webhooks/{id}")
    @PreAuthorize(STAFF)
    String endpoint(@PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(name = "starting_after", required = false) String after, Caller caller, Model model) {
        Endpoint endpoint = service.require(id, caller);
        DeliveryStatus filter = statusFilter(status);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("deliveries", queue.page(endpoint.id(), filter, PageQuery.of(25, after)));
        model.addAttribute("status", status);
        model.addAttribute("failed", queue.countByStatus(endpoint.id(), DeliveryStatus.FAILED));
        model.addAttribute("accounts", service.activeSubscriptions(endpoint));
        return "webhooks/endpoint";
    }

    @GetMapping("/console/webhooks/{id}/deliveries/{deliveryId}")
    @PreAuthorize(STAFF)
    String delivery(@PathVariable String id, @PathVariable String deliveryId, Caller caller, Model model) {
        Endpoint endpoint = service.require(id, caller);
        Delivery delivery = service.requireDelivery(endpoint, deliveryId);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("delivery", delivery);
        model.addAttribute("attempts", queue.attempts(delivery.id()));
        return "webhooks/delivery";
    }

    @PostMapping("/console/webhooks/{id}/secret")
    @PreAuthorize(ADMIN)
    String reveal(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        redirect.addFlashAttribute("secret", service.reveal(service.require(id, caller)));
        return "redirect:/console/webhooks/" + id;
    }

    @PostMapping("/console/webhooks/{id}/rotate")
    @PreAuthorize(ADMIN)
    String rotate(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        WebhookEndpoints.Rotated rotated = service.rotate(service.require(id, caller));
        redirect.addFlashAttribute("secret", rotated.secret());
        redirect.addFlashAttribute("notice", "Secret rotated. The previous secret keeps signing until " + rotated.previousExpiresAt()
                + "; until then every message carries both signatures.");
        return "redirect:/console/webhooks/" + id;
    }

    @PostMapping("/console/webhooks/{id}/test")
    @PreAuthorize(ADMIN)
    String test(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        return act(redirect, id, () -> {
            service.sendTest(service.require(id, caller));
            return "Test message queued; it appears in the delivery log below in a moment.";
        });
    }

    @PostMapping("/console/webhooks/{id}/enable")
    @PreAuthorize(ADMIN)
    String enable(@PathVariable String id, @RequestParam boolean enabled, Caller caller, RedirectAttributes redirect) {
        return act(redirect, id, () -> {
            service.update(service.require(id, caller), new WebhookEndpoints.Changes(null, null, null, null,
                    enabled ? EndpointStatus.ENABLED : EndpointStatus.DISABLED, null));
            return enabled ? "Endpoint enabled; waiting messages go out now." : "Endpoint disabled; messages wait until it is enabled.";
        });
    }

    @PostMapping("/console/webhooks/{id}/deliveries/{deliveryId}/resend")
    @PreAuthorize(ADMIN)
    String resend(@PathVariable String id, @PathVariable String deliveryId, Caller caller, RedirectAttributes redirect) {
        return act(redirect, id, () -> {
            service.resend(service.require(id, caller), deliveryId);
            return "Message queued again.";
        });
    }

    @PostMapping("/console/webhooks/{id}/recover")
    @PreAuthorize(ADMIN)
    String recover(@PathVariable String id, @RequestParam String since, Caller caller, RedirectAttributes redirect) {
        return act(redirect, id, () -> {
            Instant from;
            try {
                from = Instant.parse(since.trim());
            } catch (DateTimeParseException e) {
                throw ApiException.invalid("since", "must be a time such as 2025-01-31T00:00:00Z");
            }
            return service.recover(service.require(id, caller), from) + " failed messages queued again.";
        });
    }

    @PostMapping("/console/webhooks/{id}/delete")
    @PreAuthorize(ADMIN)
    String delete(@PathVariable String id, Caller caller, RedirectAttributes redirect) {
        service.delete(service.require(id, caller));
        redirect.addFlashAttribute("notice", "Endpoint deleted.");
        return "redirect:/console/webhooks";
    }

    /**
     * A page asked for something the caller cannot see (another organization's endpoint or message,
     * whatever id is typed or slipped into a form) or sent a value that does not exist: the
     * console's error page with the matching status, never a server error. Not-found says the
     * same whether the id exists elsewhere or not.
     */
    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e) {
        HttpStatus status = e.type().status();
        String message = status == HttpStatus.NOT_FOUND
                ? "There is no webhook endpoint or message at this address that your organization can see. Check the link, or go back to Webhooks."
                : e.getMessage();
        return new ModelAndView("error", Map.of("status", status.value(), "reason", status.getReasonPhrase(), "message", message), status);
    }

    private static DeliveryStatus statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be one of pending, sending, delivered, failed, cancelled");
        }
    }

    private static String act(RedirectAttributes redirect, String id, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/webhooks/" + id;
    }
}
