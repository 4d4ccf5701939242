package dev.flywheel.marketplace;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard for every URL the marketplace stores or fetches. A URL must be absolute
 * http(s) without credentials, and — unless private networks are allowed — its host must not
 * resolve to a loopback, private, link-local (cloud metadata), unique-local, multicast or
 * unspecified address. The check runs on the resolved addresses, so a public name pointing at
 * 10.0.0.1 is refused too; the fetcher then connects only to an address that passed.
 */
final class UrlGuard {

    /** Turns a host name into addresses; the real one asks DNS, tests pass their own. */
    @FunctionalInterface
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** The verdict on one URL. {@code addresses} are the ones that may be connected to. */
    record Verdict(Outcome outcome, String reason, URI uri, List<InetAddress> addresses) {

        boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    enum Outcome {
        /** Well formed and public (or private networks are allowed). */
        ALLOWED,
        /** Not an absolute http(s) URL, or it names a private address: never acceptable. */
        REFUSED,
        /** Well formed, but the host name does not resolve right now. */
        UNRESOLVED
    }

    static final Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    UrlGuard(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    Verdict check(String url) {
        Optional<URI> parsed = parse(url);
        if (parsed.isEmpty()) {
            return new Verdict(Outcome.REFUSED, "must be an absolute http or https URL without user name or password", null, List.of());
        }
        URI uri = parsed.get();
        String host = uri.getHost();
        String lower = host.toLowerCase(Locale.ROOT);
        if (!allowPrivateNetworks && (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".internal")
                || lower.endsWith(".local"))) {
            return new Verdict(Outcome.REFUSED, "points at a private host (" + host + ")", uri, List.of());
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Verdict(Outcome.UNRESOLVED, "the host " + host + " does not resolve", uri, List.of());
        }
        if (addresses.isEmpty()) {
            return new Verdict(Outcome.UNRESOLVED, "the host " + host + " does not resolve", uri, List.of());
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    return new Verdict(Outcome.REFUSED, "points at a private address (" + host + " is " + address.getHostAddress() + ")",
                            uri, List.of());
                }
            }
        }
        return new Verdict(Outcome.ALLOWED, null, uri, addresses);
    }

    /** Only the shape: absolute http(s), a host, no user info. Does not resolve anything. */
    static Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // fc00::/7 unique local
                return true;
            }
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) {
                v4Mapped &= b[i] == 0;
            }
            if (v4Mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
