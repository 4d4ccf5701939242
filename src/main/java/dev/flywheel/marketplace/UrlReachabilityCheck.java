package dev.flywheel.marketplace;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every URL of the listing must pass the {@link UrlGuard} (a private address fails the check) and
 * should answer. Fetches never follow redirects blindly: each hop is checked by the guard as its
 * own URL, at most three hops, with a short timeout and without reading more than 64 KB. An
 * unreachable URL is a warning for the reviewer (the partner's site may be briefly down), not a
 * rejection.
 */
@Component
class UrlReachabilityCheck implements ReviewCheck {

    private static final int MAX_HOPS = 3;
    private static final int MAX_BYTES = 64 * 1024;

    private final UrlGuard guard;
    private final Duration timeout;
    private final HttpClient client;

    @org.springframework.beans.factory.annotation.Autowired
    UrlReachabilityCheck(UrlGuard guard, MarketplaceProperties properties) {
        this(guard, properties.urlCheckTimeout());
    }

    UrlReachabilityCheck(UrlGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "urls-reachable";
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public Result check(Subject subject) {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ListingContent.NamedUrl url : subject.content().urls()) {
            probe(url.value()).ifPresent(problem -> {
                if (problem.refused()) {
                    failures.add(url.field() + " " + problem.message());
                } else {
                    warnings.add(url.field() + " " + problem.message());
                }
            });
        }
        return ReviewCheck.of(name(), failures, warnings);
    }

    record Problem(boolean refused, String message) {
    }

    /** Empty when the URL is acceptable and answered; otherwise what is wrong with it. */
    Optional<Problem> probe(String url) {
        String current = url;
        for (int hop = 0; hop <= MAX_HOPS; hop++) {
            UrlGuard.Verdict verdict = guard.check(current);
            switch (verdict.outcome()) {
                case REFUSED -> {
                    return Optional.of(new Problem(true, (hop == 0 ? "" : "redirects to " + current + ", which ") + verdict.reason()));
                }
                case UNRESOLVED -> {
                    return Optional.of(new Problem(false, "could not be reached: " + verdict.reason()));
                }
                case ALLOWED -> {
                }
            }
            try {
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(verdict.uri()).timeout(timeout)
                        .header("User-Agent", "Flywheel-Marketplace-Review/1").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    body.readNBytes(MAX_BYTES);
                }
                int status = response.statusCode();
                if (status >= 300 && status < 400) {
                    Optional<String> location = response.headers().firstValue("Location");
                    if (location.isEmpty()) {
                        return Optional.of(new Problem(false, "answered " + status + " without a Location header"));
                    }
                    current = verdict.uri().resolve(URI.create(location.get().trim())).toString();
                    continue;
                }
                if (status >= 400) {
                    return Optional.of(new Problem(false, "answered HTTP " + status));
                }
                return Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.of(new Problem(false, "could not be reached (" + e.getClass().getSimpleName() + ")"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of(new Problem(false, "could not be reached (interrupted)"));
            }
        }
        return Optional.of(new Problem(false, "redirects more than " + MAX_HOPS + " times"));
    }
}
