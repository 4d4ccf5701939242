package dev.flywheel.marketplace;

import dev.flywheel.identity.Caller;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/marketplace")
@Tag(name = "Marketplace installations", description = "What the product asks the marketplace about installed apps: which work, first use, review prompts")
class InstallationsApi {

    record InstallationView(String id, String object, String listingId, String accountId, List<String> scopes, String status, boolean works,
            boolean authorized, Instant installedAt, Instant uninstalledAt, Instant activatedAt) {
    }

    record PromptView(String installationId, String listingId, String slug, String name, String reviewUrl) {
    }

    private final Installs installs;
    private final InstallationRepository installations;
    private final ReviewAsks asks;
    private final Organizations organizations;
    private final Clock clock;

    InstallationsApi(Installs installs, InstallationRepository installations, ReviewAsks asks, Organizations organizations, Clock clock) {
        this.installs = installs;
        this.installations = installations;
        this.asks = asks;
        this.organizations = organizations;
        this.clock = clock;
    }

    @GetMapping("/installations")
    @Operation(summary = "An account's installed apps",
            description = "Owner keys (the product). `works` is false when the app was uninstalled or its listing is suspended: "
                    + "the product must then refuse the app's calls for this account. `authorized` says whether the listing's "
                    + "developer platform app holds an OAuth grant (tokens) from the installing admin.")
    List<InstallationView> list(@RequestParam("account_id") String accountId, Caller caller) {
        caller.requireOwner();
        return installations.ofAccount(account(accountId)).stream().map(this::view).toList();
    }

    @GetMapping("/installations/{id}")
    @Operation(summary = "Get an installation", description = "Owner keys, or the app's own partner.")
    InstallationView get(@PathVariable String id, Caller caller) {
        Installation installation = installations.find(id).orElseThrow(() -> ApiException.notFound("installation", id));
        installs.requireVisible(caller, installation);
        return view(installation);
    }

    @PostMapping("/installations/{id}/activation")
    @Operation(summary = "Record first use of an installed app",
            description = "Owner keys (the product saw the app's first real call) or the app's partner. Repeating it changes nothing. "
                    + "Activation starts the review-ask timer.")
    InstallationView activate(@PathVariable String id, Caller caller) {
        return view(installs.activate(caller, id));
    }

    @GetMapping("/review-prompts")
    @Operation(summary = "In-app review prompts due for an account",
            description = "Owner keys (the product). Installs activated at least the review-ask delay ago (14 days by default) and not "
                    + "reviewed yet. Each prompt is returned once per install; show it to the account's users with its `review_url`.")
    List<PromptView> prompts(@RequestParam("account_id") String accountId, Caller caller) {
        caller.requireOwner();
        return asks.prompts(account(accountId), clock.instant()).stream()
                .map(p -> new PromptView(p.installationId(), p.listingId(), p.slug(), p.name(), p.reviewUrl())).toList();
    }

    private String account(String accountId) {
        return organizations.find(accountId).filter(o -> o.kind() == dev.flywheel.identity.OrganizationKind.CUSTOMER)
                .orElseThrow(() -> ApiException.notFound("customer account", accountId)).id();
    }

    private InstallationView view(Installation i) {
        return new InstallationView(i.id(), "installation", i.listingId(), i.accountId(), i.scopes(), i.active() ? "active" : "uninstalled",
                installs.works(i), installs.authorized(i), i.installedAt(), i.uninstalledAt(), i.activatedAt());
    }
}
