package dev.flywheel.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * A stable kind of API error. The {@code type} member of a problem document is
 * {@code /problems/{slug}}, a page on this server that explains the problem and how to fix it;
 * clients may switch on it, so a slug never changes meaning once published.
 */
public record ProblemType(String slug, String title, HttpStatus status, String explanation) {

    public static final ProblemType VALIDATION = new ProblemType("validation", "Invalid request", HttpStatus.BAD_REQUEST,
            "The request body or parameters broke one or more rules. Each entry in `errors` names the field and what it must be.");
    public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST,
            "The body could not be parsed as JSON. Check quoting, commas and brackets near the position given.");
    public static final ProblemType UNKNOWN_FIELD = new ProblemType("unknown-field", "Unknown field", HttpStatus.BAD_REQUEST,
            "The body names a field this endpoint does not accept. Remove it or check its spelling against the API reference.");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Request body too large", HttpStatus.CONTENT_TOO_LARGE,
            "The request body is larger than this server accepts. Send less data per request, for example by splitting a batch.");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "Send the body as JSON with the header `Content-Type: application/json`.");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE,
            "The API answers with JSON; accept `application/json` or `application/problem+json`.");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED,
            "This path exists but not for this HTTP method. The `Allow` header lists the methods it takes.");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", HttpStatus.NOT_FOUND,
            "Nothing exists at this path, or it is not visible to your credentials. Check the identifier and the key's mode (live or test).");
    public static final ProblemType UNAUTHENTICATED = new ProblemType("unauthenticated", "Authentication required", HttpStatus.UNAUTHORIZED,
            "Send a valid API key as `Authorization: Bearer fw_live_…` (or `fw_test_…`). Keys are created in the console under API keys.");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed", HttpStatus.FORBIDDEN,
            "Your credentials are valid but may not do this. Use a key of an organization that owns the resource, or ask an owner admin.");
    public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", HttpStatus.CONFLICT,
            "The request conflicts with the current state of the resource. Read it again and retry with the current state.");
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", "Idempotency key reused with a different request", HttpStatus.UNPROCESSABLE_CONTENT,
            "An `Idempotency-Key` may only be reused for the very same request. Use a new key for a different request.");
    public static final ProblemType IDEMPOTENCY_IN_PROGRESS = new ProblemType("idempotency-in-progress", "Request with this idempotency key still in progress", HttpStatus.CONFLICT,
            "The first request with this `Idempotency-Key` has not finished yet. Retry after a moment to receive its result.");
    public static final ProblemType UNPROCESSABLE = new ProblemType("unprocessable", "Request cannot be carried out", HttpStatus.UNPROCESSABLE_CONTENT,
            "The request is well formed but breaks a business rule; the detail says which and what to do.");
    public static final ProblemType SECRET_IN_PAYLOAD = new ProblemType("secret-in-payload", "Secret found in submitted content", HttpStatus.UNPROCESSABLE_CONTENT,
            "The submitted content contains a credential, token, webhook URL or pinned test data. Each entry in `errors` names the JSON path "
                    + "and what was found there. Replace it with a credential reference or an expression such as `{{ $env.NAME }}`, or resubmit with "
                    + "`on_secret: redact` to have Flywheel replace it.");
    public static final ProblemType BLOCKED_CONTENT = new ProblemType("blocked-content", "Content on the block-list", HttpStatus.UNPROCESSABLE_CONTENT,
            "The submitted content contains a word or links to a domain that this installation does not accept. Each entry in `errors` names "
                    + "where. Remove it and submit again.");
    public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS,
            "Slow down: wait for the number of seconds in `Retry-After` before sending again.");
    public static final ProblemType EVENT_SCHEMA_VIOLATION = new ProblemType("event-schema-violation", "Event breaks its type's schema", HttpStatus.UNPROCESSABLE_CONTENT,
            "One or more events do not match the JSON Schema of their event type. Each entry in `errors` names the event, the field and the rule it broke; fix the payload or publish a new schema version.");
    public static final ProblemType INSUFFICIENT_SCOPE = new ProblemType("insufficient-scope", "Scope missing", HttpStatus.FORBIDDEN,
            "The API key or access token is valid but was not given the scope this endpoint needs (named in the detail and in "
                    + "`WWW-Authenticate`). Authorize the app again asking for that scope, or use a key issued with it.");
    public static final ProblemType API_VERSION_UNKNOWN = new ProblemType("api-version-unknown", "Unknown API version", HttpStatus.NOT_FOUND,
            "The path names an API version this server does not have. Use one of the versions listed on the changelog page (/developers/changelog).");
    public static final ProblemType API_VERSION_RETIRED = new ProblemType("api-version-retired", "API version retired", HttpStatus.GONE,
            "This API version passed its sunset date and no longer answers. Follow the migration guide linked in `Link` and call a live version.");
    public static final ProblemType INTERNAL = new ProblemType("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR,
            "Something failed on the server. Nothing was changed. Retry later; if it persists, report the `instance` value to the operator.");

    public URI typeUri() {
        return URI.create("/problems/" + slug);
    }

    /** Every published type, in the order the problems page lists them. */
    public static java.util.List<ProblemType> catalog() {
        return java.util.List.of(VALIDATION, MALFORMED_JSON, UNKNOWN_FIELD, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
                NOT_ACCEPTABLE, METHOD_NOT_ALLOWED, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, CONFLICT,
                IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS, UNPROCESSABLE, EVENT_SCHEMA_VIOLATION, SECRET_IN_PAYLOAD,
                BLOCKED_CONTENT, RATE_LIMITED, INSUFFICIENT_SCOPE, API_VERSION_UNKNOWN, API_VERSION_RETIRED, INTERNAL);
    }
}
