package dev.flywheel.developer;

import dev.flywheel.identity.Caller;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/apps")
@Tag(name = "Apps", description = "OAuth clients that partners register to call the API on behalf of customer accounts")
class AppsApi {

    record CreateApp(
            @Schema(example = "Acme Sync") String name,
            @Schema(description = "confidential (a server that keeps a secret) or public (SPA, mobile, CLI)", example = "confidential") ClientType clientType,
            @Schema(description = "Exact redirect URIs: https, or http on localhost only", example = "[\"https://acme.example/oauth/callback\"]") List<String> redirectUris,
            @Schema(description = "Scopes the app may ever ask for, from GET /api/v1/scopes", example = "[\"deals:read\",\"contacts:read\"]") List<String> scopes,
            String logoUrl, String homepageUrl, String privacyUrl, String termsUrl,
            @Schema(description = "API version the app's calls default to", example = "v1") String apiVersion) {
    }

    record AppView(String id, String object, String name, String clientId, String clientType, String mode, List<String> redirectUris,
            List<String> scopes, String logoUrl, String homepageUrl, String privacyUrl, String termsUrl, String apiVersion,
            String organizationId, Instant createdAt, Instant disabledAt) {
    }

    record RegisteredView(String id, String object, String name, String clientId,
            @Schema(description = "Shown in this response only (confidential apps); store it safely") String clientSecret,
            String clientType, String mode, List<String> redirectUris, List<String> scopes, String logoUrl, String homepageUrl,
            String privacyUrl, String termsUrl, String apiVersion, String organizationId, Instant createdAt) {
    }

    record RotatedView(String object, String appId, String clientSecret, Instant previousSecretsValidUntil) {
    }

    private final Apps apps;

    AppsApi(Apps apps) {
        this.apps = apps;
    }

    @PostMapping
    @Operation(summary = "Register an app",
            description = "Registers an OAuth client for the calling partner, in the calling key's mode. A confidential app gets a "
                    + "`client_secret`, shown in this response only; only its hash is stored.")
    ResponseEntity<RegisteredView> create(@RequestBody CreateApp body, Caller caller) {
        Apps.Registered r = apps.register(caller, new Apps.NewApp(body.name(), body.clientType(), body.redirectUris(), body.scopes(),
                body.logoUrl(), body.homepageUrl(), body.privacyUrl(), body.termsUrl(), body.apiVersion()));
        App a = r.app();
        return ResponseEntity.status(HttpStatus.CREATED).body(new RegisteredView(a.id(), "app", a.name(), a.clientId(), r.clientSecret(),
                a.clientType().wire(), a.mode().wire(), a.redirectUris(), a.scopes(), a.logoUrl(), a.homepageUrl(), a.privacyUrl(),
                a.termsUrl(), a.apiVersion(), a.organizationId(), a.createdAt()));
    }

    @GetMapping
    @Operation(summary = "List apps", description = "The calling organization's apps in the key's mode (the owner sees every app), newest first.")
    CursorPage<AppView> list(@RequestParam(required = false) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        return apps.list(caller, PageQuery.of(limit, startingAfter)).map(AppsApi::view);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get an app")
    AppView get(@PathVariable String id, Caller caller) {
        return view(apps.get(caller, id));
    }

    @PostMapping("/{id}/secrets")
    @Operation(summary = "Rotate the client secret",
            description = "Issues a new client secret (in this response only). The previous secret keeps working until "
                    + "`previous_secrets_valid_until` (24 hours by default), so deployments can switch without downtime.")
    ResponseEntity<RotatedView> rotate(@PathVariable String id, Caller caller) {
        Apps.Rotated r = apps.rotateSecret(caller, id);
        return ResponseEntity.status(HttpStatus.CREATED).body(new RotatedView("client_secret", r.app().id(), r.clientSecret(), r.previousValidUntil()));
    }

    @GetMapping("/{id}/secrets")
    @Operation(summary = "List the app's working client secrets", description = "Display prefixes and expiry only, never the secrets.")
    List<Apps.SecretInfo> secrets(@PathVariable String id, Caller caller) {
        return apps.secrets(caller, id);
    }

    static AppView view(App a) {
        return new AppView(a.id(), "app", a.name(), a.clientId(), a.clientType().wire(), a.mode().wire(), a.redirectUris(), a.scopes(),
                a.logoUrl(), a.homepageUrl(), a.privacyUrl(), a.termsUrl(), a.apiVersion(), a.organizationId(), a.createdAt(), a.disabledAt());
    }
}
