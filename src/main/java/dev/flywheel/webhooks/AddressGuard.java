package dev.flywheel.webhooks;

import dev.flywheel.platform.Mode;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard. Webhook URLs are chosen by API clients, so a URL must not make this server call
 * into its own network: addresses that are loopback, private (RFC 1918, unique-local IPv6),
 * carrier-grade NAT, link-local (including the cloud metadata service at 169.254.169.254),
 * unspecified, multicast or reserved are refused — checked on the addresses DNS returns at send
 * time, as the {@link DnsResolver} of the HTTP client, so the connection goes to exactly the
 * address that was checked (no DNS rebinding window). Live-mode endpoints must use https.
 * {@code flywheel.webhooks.allow-private-networks=true} lifts both rules, for development and tests.
 */
final class AddressGuard implements DnsResolver {

    private final boolean allowPrivate;
    private final DnsResolver dns;

    AddressGuard(boolean allowPrivate) {
        this(allowPrivate, SystemDefaultDnsResolver.INSTANCE);
    }

    AddressGuard(boolean allowPrivate, DnsResolver dns) {
        this.allowPrivate = allowPrivate;
        this.dns = dns;
    }

    /** Why this URL may not be an endpoint of this mode, or empty when it may (DNS is checked again at send time). */
    Optional<String> problemWithUrl(String url, Mode mode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        if (!allowPrivate && mode == Mode.LIVE && !scheme.equals("https")) {
            return Optional.of("must use https for live-mode endpoints");
        }
        if (!allowPrivate) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) {
                return Optional.of("must not point to a local or internal host");
            }
            if (isIpLiteral(host)) {
                try {
                    InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                    if (isForbidden(address)) {
                        return Optional.of("must not point to a loopback, private, link-local or metadata address");
                    }
                } catch (UnknownHostException e) {
                    return Optional.of("is not a valid address");
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isForbidden(address)) {
                    throw new ForbiddenAddressException(host, address);
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }

    /** Raised instead of connecting; an {@link UnknownHostException} so the HTTP client stops at once. */
    static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String host, InetAddress address) {
            super(host + " resolves to " + address.getHostAddress()
                    + ", a loopback, private, link-local or metadata address; refused (flywheel.webhooks.allow-private-networks is false)");
        }
    }

    static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            if (isV4Mapped(b) || isV4Compatible(b)) {
                return forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}) || isV4Compatible(b);
            }
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local (includes the fd00:ec2::254 metadata address)
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return true; // 2001:db8::/32 documentation
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return forbiddenV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64 of an IPv4 address
            }
        }
        return false;
    }

    private static boolean forbiddenV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return a0 == 0 // 0.0.0.0/8 "this network"
                || a0 == 10 // private
                || a0 == 127 // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127) // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31) // private
                || (a0 == 192 && a1 == 168) // private
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
                || a0 >= 224; // multicast, reserved, broadcast
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isV4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+") || host.contains(":");
    }
}
