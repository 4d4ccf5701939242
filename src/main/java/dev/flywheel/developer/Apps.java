package dev.flywheel.developer;

import dev.flywheel.identity.ApiKeys;
import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers and manages apps (OAuth clients). Client secrets are random, shown once, stored as
 * SHA-256 hashes (enough for 238 random bits; a slow hash protects guessable passwords), and
 * rotated with an overlap window in which the old and the new secret both work.
 */
@Service
public class Apps {

    /** What a partner asks for when registering an app. */
    public record NewApp(String name, ClientType clientType, List<String> redirectUris, List<String> scopes, String logoUrl,
            String homepageUrl, String privacyUrl, String termsUrl, String apiVersion) {
    }

    /** A registered app; {@code clientSecret} (confidential apps only) is shown this once. */
    public record Registered(App app, String clientSecret) {
    }

    /** The result of a rotation: the new secret (shown once) and until when the previous ones still work. */
    public record Rotated(App app, String clientSecret, Instant previousValidUntil) {
    }

    /** A secret as it may be shown: display prefix and validity only. */
    public record SecretInfo(String id, String displayPrefix, Instant createdAt, Instant expiresAt) {
    }

    private static final int MAX_REDIRECT_URIS = 10;

    private final AppRepository apps;
    private final ScopeCatalog scopes;
    private final ApiVersions versions;
    private final ApiKeys keys;
    private final Sandboxes sandboxes;
    private final AuditLog audit;
    private final DeveloperProperties properties;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    /** Published after a change of an app's suspension ({@link AppSuspensions}), so token checks read it again. */
    record AccessChanged(String appId) {
    }

    Apps(AppRepository apps, ScopeCatalog scopes, ApiVersions versions, ApiKeys keys, Sandboxes sandboxes, AuditLog audit,
            DeveloperProperties properties, org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        this.apps = apps;
        this.scopes = scopes;
        this.versions = versions;
        this.keys = keys;
        this.sandboxes = sandboxes;
        this.audit = audit;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Another module suspended or reinstated the app ({@link AppSuspensions}): its tokens are
     * judged again on their next use, once the caller's transaction commits.
     */
    public void accessChanged(String appId) {
        events.publishEvent(new AccessChanged(appId));
    }

    public Optional<App> find(String id) {
        return apps.find(id);
    }

    /** Active live apps of every organization (at most 5,000, oldest first), for ecosystem-wide health checks. */
    public List<App> activeLive() {
        return apps.activeLive(5_000);
    }

    public Optional<App> findByClientId(String clientId) {
        return apps.findByClientId(clientId);
    }

    @Transactional
    public Registered register(Caller caller, NewApp request) {
        requireDeveloper(caller);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            throw ApiException.invalid("name", "must be 1 to 200 characters; it is what customers see on the consent page");
        }
        if (request.clientType() == null) {
            throw ApiException.invalid("client_type", "must be confidential (a server that keeps a secret) or public (SPA, mobile, CLI)");
        }
        List<String> redirects = checkRedirects(request.redirectUris());
        if (request.scopes() == null || request.scopes().isEmpty()) {
            throw ApiException.invalid("scopes", "must name at least one scope; GET /api/v1/scopes lists them");
        }
        List<String> declared = List.copyOf(scopes.requireKnown("scopes", request.scopes()));
        checkWebUrl("logo_url", request.logoUrl());
        checkWebUrl("homepage_url", request.homepageUrl());
        checkWebUrl("privacy_url", request.privacyUrl());
        checkWebUrl("terms_url", request.termsUrl());
        String version = request.apiVersion() == null ? ApiVersions.DEFAULT_VERSION : request.apiVersion();
        requireLiveVersion(version);
        if (request.clientType() == ClientType.PUBLIC && redirects.isEmpty()) {
            throw ApiException.invalid("redirect_uris", "must list at least one URI: a public app can only use the authorization code flow");
        }
        Instant now = clock.instant();
        String clientId = "fwc_" + caller.mode().wire() + "_" + Secrets.randomBase62(24);
        App app = new App(Ids.next("app"), caller.organizationId(), caller.mode(), request.name().trim(), clientId, request.clientType(),
                redirects, declared, request.logoUrl(), request.homepageUrl(), request.privacyUrl(), request.termsUrl(), version, now, now, null);
        apps.insert(app, caller.actorId());
        String secret = request.clientType() == ClientType.CONFIDENTIAL ? newSecret(app, now) : null;
        audit.record(caller.organizationId(), "app.created", app.id(), app.name() + " (" + app.clientType().wire() + ", "
                + app.mode().wire() + ", scopes " + String.join(" ", declared) + ")");
        if (app.mode() == Mode.TEST && caller.organizationKind() == OrganizationKind.PARTNER) {
            sandboxes.ensure(caller.organizationId());
        }
        return new Registered(app, secret);
    }

    /** Pins the API version the app's unversioned calls ({@code /api/…}) are served in; its tokens say so from now on. */
    @Transactional
    public App pinVersion(Caller caller, String appId, String version) {
        App app = requireManageable(caller, appId);
        requireLiveVersion(version);
        App pinned = new App(app.id(), app.organizationId(), app.mode(), app.name(), app.clientId(), app.clientType(), app.redirectUris(),
                app.scopes(), app.logoUrl(), app.homepageUrl(), app.privacyUrl(), app.termsUrl(), version, app.createdAt(), clock.instant(),
                app.disabledAt());
        apps.update(pinned);
        audit.record(app.organizationId(), "app.api_version_pinned", app.id(), app.apiVersion() + " -> " + version);
        return pinned;
    }

    /**
     * Issues an API key for the app's server-to-server calls: it acts for the app's organization in
     * the app's mode, limited to the scopes given (by default the app's declared scopes; never more).
     */
    @Transactional
    public ApiKeys.Issued issueKey(Caller caller, String appId, String name, List<String> requested, Instant expiresAt) {
        App app = requireManageable(caller, appId);
        List<String> keyScopes = requested == null || requested.isEmpty() ? app.scopes()
                : List.copyOf(scopes.requireKnown("scopes", requested));
        for (String s : keyScopes) {
            if (!app.scopes().contains(s)) {
                throw ApiException.invalid("scopes", "'" + s + "' is not declared by the app; an app's keys hold at most the app's scopes ("
                        + String.join(" ", app.scopes()) + ")");
            }
        }
        String label = name == null || name.isBlank() ? app.name() + " key" : name.trim();
        ApiKeys.Issued issued = keys.issue(app.organizationId(), app.mode(), label, caller.actorId(), keyScopes, expiresAt);
        // Remembered so the app's API traffic (and errors) include the calls made with its keys.
        this.apps.linkKey(issued.key().id(), app.id());
        return issued;
    }

    private void requireLiveVersion(String version) {
        if (!versions.live().contains(version)) {
            throw ApiException.invalid("api_version", "must be one of the live API versions: " + String.join(", ", versions.live()));
        }
    }

    /** Issues a new client secret; the previous ones keep working for the overlap window, then stop. */
    @Transactional
    public Rotated rotateSecret(Caller caller, String appId) {
        App app = requireManageable(caller, appId);
        if (app.clientType() != ClientType.CONFIDENTIAL) {
            throw ApiException.unprocessable("A public app has no client secret; it proves itself with PKCE on each authorization.");
        }
        Instant now = clock.instant();
        Instant until = now.plus(properties.secretOverlap());
        apps.expireSecrets(app.id(), until);
        String secret = newSecret(app, now);
        audit.record(app.organizationId(), "app.secret_rotated", app.id(), app.name() + "; previous secrets work until " + until);
        return new Rotated(app, secret, until);
    }

    public CursorPage<App> list(Caller caller, PageQuery query) {
        return apps.page(caller.isOwner() ? null : caller.organizationId(), caller.mode(), query);
    }

    public App get(Caller caller, String appId) {
        return apps.find(appId).filter(a -> visibleTo(caller, a)).orElseThrow(() -> ApiException.notFound("app", appId));
    }

    public List<SecretInfo> secrets(Caller caller, String appId) {
        App app = get(caller, appId);
        Instant now = clock.instant();
        return apps.secrets(app.id()).stream().filter(s -> s.isValidAt(now))
                .map(s -> new SecretInfo(s.id(), s.displayPrefix(), s.createdAt(), s.expiresAt())).toList();
    }

    /** Hashes of the secrets that authenticate this app right now (two during a rotation). */
    List<String> validSecretHashes(String appId) {
        Instant now = clock.instant();
        return apps.secrets(appId).stream().filter(s -> s.isValidAt(now)).map(AppRepository.StoredSecret::secretHash).toList();
    }

    App requireManageable(Caller caller, String appId) {
        requireDeveloper(caller);
        App app = get(caller, appId);
        if (!app.isActive()) {
            throw ApiException.unprocessable("This app is disabled; register a new app instead.");
        }
        return app;
    }

    private static boolean visibleTo(Caller caller, App app) {
        return app.mode() == caller.mode() && caller.canSee(app.organizationId());
    }

    private String newSecret(App app, Instant now) {
        String secret = "fws_" + app.mode().wire() + "_" + Secrets.randomBase62(40);
        apps.insertSecret(new AppRepository.StoredSecret(Ids.next("sec"), app.id(), Secrets.sha256Hex(secret), secret.substring(0, 13),
                now, null));
        return secret;
    }

    private static void requireDeveloper(Caller caller) {
        if (caller.organizationKind() == OrganizationKind.CUSTOMER) {
            throw ApiException.forbidden("Apps are registered by partners (or the owner); a customer account authorizes apps instead.");
        }
        if (caller.role() != null && !caller.role().isAdmin()) {
            throw ApiException.forbidden("Only an admin of your organization (or its API key) may register and change apps.");
        }
    }

    private static List<String> checkRedirects(List<String> uris) {
        if (uris == null) {
            return List.of();
        }
        if (uris.size() > MAX_REDIRECT_URIS) {
            throw ApiException.invalid("redirect_uris", "may list at most " + MAX_REDIRECT_URIS + " URIs");
        }
        List<String> out = new ArrayList<>();
        for (String uri : uris) {
            Optional<String> problem = RedirectUris.problem(uri);
            if (problem.isPresent()) {
                throw ApiException.invalid("redirect_uris", "'" + uri + "' " + problem.get());
            }
            if (!out.contains(uri)) {
                out.add(uri);
            }
        }
        return List.copyOf(out);
    }

    private static void checkWebUrl(String field, String value) {
        RedirectUris.webUrlProblem(value).ifPresent(p -> {
            throw ApiException.invalid(field, p);
        });
    }

    long countActive() {
        return apps.countActive();
    }
}
