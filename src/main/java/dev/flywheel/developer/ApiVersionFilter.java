package dev.flywheel.developer;

import dev.flywheel.platform.web.ApiPaths;
import dev.flywheel.platform.web.ProblemType;
import dev.flywheel.platform.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves every major version of the public API at once, in front of everything else on
 * {@code /api/**}:
 * <ul>
 * <li>{@code /api/v1/…} is served by the controllers as they are;</li>
 * <li>{@code /api/v2/…} is served by the same controllers with v2's breaking changes applied
 * ({@link ApiResponseShaping}: lists are {@code {"object":"list","items":[…],"next_cursor":…}} and
 * the next page is asked for with {@code cursor});</li>
 * <li>{@code /api/…} without a version is served in the caller app's pinned version (the
 * {@code api_version} claim of its access token), or v1;</li>
 * <li>unknown versions answer 404, retired ones 410;</li>
 * <li>every response of a deprecated version carries {@code Deprecation} (RFC 9745),
 * {@code Sunset} (RFC 8594) and a {@code Link} to the migration guide.</li>
 * </ul>
 * The version served is left in the request attribute {@link #VERSION} and in the
 * {@code Flywheel-Api-Version} response header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ApiVersionFilter extends OncePerRequestFilter {

    static final String VERSION = ApiVersionFilter.class.getName() + ".version";
    private static final Pattern VERSIONED = Pattern.compile("/api/(v\\d{1,3})(/.*)?");
    private static final Pattern UNVERSIONED_RESOURCE = Pattern.compile("/api/([a-z][a-z0-9-]*)(/.*)?");
    private static final Pattern API_VERSION_CLAIM = Pattern.compile("\"api_version\"\\s*:\\s*\"(v\\d{1,3})\"");

    private final ApiVersions versions;
    private final ProblemWriter problems;

    ApiVersionFilter(ApiVersions versions, ProblemWriter problems) {
        this.versions = versions;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !ApiPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = ApiPaths.pathOf(request);
        String version;
        String tail;
        Matcher m = VERSIONED.matcher(path);
        if (m.matches()) {
            version = m.group(1);
            tail = m.group(2) == null ? "" : m.group(2);
        } else {
            Matcher u = UNVERSIONED_RESOURCE.matcher(path);
            if (!u.matches()) {
                chain.doFilter(request, response);
                return;
            }
            version = pinnedVersion(request);
            tail = path.substring("/api".length());
        }
        ApiVersion known = versions.find(version).orElse(null);
        if (known == null) {
            problems.write(response, ProblemType.API_VERSION_UNKNOWN, "There is no API version " + version + ". Live versions: "
                    + String.join(", ", versions.live()) + "; see /developers/changelog.", path);
            return;
        }
        response.setHeader("Flywheel-Api-Version", version);
        if (known.deprecated()) {
            response.setHeader("Deprecation", "@" + known.deprecatedAt().getEpochSecond());
            response.setHeader("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME.format(known.sunsetOn().atStartOfDay(ZoneOffset.UTC)));
            response.setHeader("Link", "<" + versions.migrationGuide(version) + ">; rel=\"deprecation\"; type=\"text/html\"");
        }
        if (versions.retired(version)) {
            problems.write(response, ProblemType.API_VERSION_RETIRED, "API " + version + " was retired on " + known.sunsetOn()
                    + ". Migrate to one of " + String.join(", ", versions.live()) + ": " + versions.migrationGuide(version), path);
            return;
        }
        request.setAttribute(VERSION, version);
        String served = "/api/v1" + tail;
        if (served.equals(path) && !"v2".equals(version)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Rewritten(request, served, "v2".equals(version)), response);
    }

    /** The app's pinned version, read (not trusted: it only picks a route) from the token; the token is verified later. */
    private static String pinnedVersion(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String[] parts = header.substring(7).trim().split("\\.");
            if (parts.length == 3 && parts[1].length() < 8192) {
                try {
                    Matcher m = API_VERSION_CLAIM.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
                    if (m.find()) {
                        return m.group(1);
                    }
                } catch (IllegalArgumentException notBase64) {
                    return ApiVersions.DEFAULT_VERSION;
                }
            }
        }
        return ApiVersions.DEFAULT_VERSION;
    }

    /** The request as the v1 controllers see it: the v1 path, and in v2 {@code cursor} read as {@code starting_after}. */
    private static final class Rewritten extends HttpServletRequestWrapper {

        private final String path;
        private final Map<String, String[]> parameters;

        Rewritten(HttpServletRequest request, String path, boolean v2) {
            super(request);
            this.path = path;
            if (v2) {
                Map<String, String[]> p = new LinkedHashMap<>(request.getParameterMap());
                String[] cursor = p.remove("cursor");
                p.remove("starting_after");
                if (cursor != null) {
                    p.put("starting_after", cursor);
                }
                this.parameters = Collections.unmodifiableMap(p);
            } else {
                this.parameters = null;
            }
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + path;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer();
            url.append(getScheme()).append("://").append(getServerName()).append(':').append(getServerPort()).append(getRequestURI());
            return url;
        }

        @Override
        public String getServletPath() {
            return path;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getParameter(String name) {
            if (parameters == null) {
                return super.getParameter(name);
            }
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                return super.getParameterMap();
            }
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            if (parameters == null) {
                return super.getParameterNames();
            }
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            if (parameters == null) {
                return super.getParameterValues(name);
            }
            return parameters.get(name);
        }
    }
}
