package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flywheel.platform.Mode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(false);
    private final AddressGuard relaxed = new AddressGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.8.8", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "169.254.1.1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd00:ec2::254",
        "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2001:db8::1"})
    void refusesInternalAddresses(String address) throws Exception {
        assertThat(AddressGuard.isForbidden(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(AddressGuard.isForbidden(InetAddress.getByName(address))).as(address).isFalse();
    }

    @Test
    void checksTheAddressesDnsReturnsAtSendTime() throws Exception {
        DnsResolver rebinding = fakeDns("169.254.169.254");
        AddressGuard guard = new AddressGuard(false, rebinding);
        assertThatThrownBy(() -> guard.resolve("innocent.example.com"))
                .isInstanceOf(AddressGuard.ForbiddenAddressException.class)
                .hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> new AddressGuard(false, fakeDns("8.8.8.8", "10.0.0.1")).resolve("mixed.example.com"))
                .isInstanceOf(UnknownHostException.class);
        assertThat(new AddressGuard(false, fakeDns("8.8.8.8")).resolve("public.example.com")).hasSize(1);
        assertThat(new AddressGuard(true, rebinding).resolve("innocent.example.com")).hasSize(1);
    }

    @Test
    void requiresHttpsForLiveEndpoints() {
        assertThat(strict.problemWithUrl("http://hooks.example.com/x", Mode.LIVE)).contains("must use https for live-mode endpoints");
        assertThat(strict.problemWithUrl("http://hooks.example.com/x", Mode.TEST)).isEmpty();
        assertThat(strict.problemWithUrl("https://hooks.example.com/x", Mode.LIVE)).isEmpty();
        assertThat(relaxed.problemWithUrl("http://hooks.example.com/x", Mode.LIVE)).isEmpty();
    }

    @Test
    void refusesLocalHostsAndLiteralsUpFront() {
        assertThat(strict.problemWithUrl("https://localhost/x", Mode.LIVE)).isPresent();
        assertThat(strict.problemWithUrl("https://127.0.0.1/x", Mode.LIVE)).isPresent();
        assertThat(strict.problemWithUrl("https://[::1]:8443/x", Mode.LIVE)).isPresent();
        assertThat(strict.problemWithUrl("https://169.254.169.254/latest/meta-data", Mode.LIVE)).isPresent();
        assertThat(strict.problemWithUrl("https://metadata.google.internal/x", Mode.LIVE)).isPresent();
        assertThat(relaxed.problemWithUrl("http://127.0.0.1:8080/x", Mode.LIVE)).isEmpty();
    }

    @Test
    void refusesNonHttpAndCredentials() {
        assertThat(strict.problemWithUrl("ftp://example.com/x", Mode.TEST)).isPresent();
        assertThat(strict.problemWithUrl("file:///etc/passwd", Mode.TEST)).isPresent();
        assertThat(strict.problemWithUrl("https://user:pw@example.com/x", Mode.LIVE)).isPresent();
        assertThat(strict.problemWithUrl("not a url", Mode.LIVE)).isPresent();
    }

    @Test
    void theSenderRefusesToConnectToLoopbackWhenPrivateNetworksAreNotAllowed() throws Exception {
        try (Receiver receiver = new Receiver();
                WebhookSender sender = new WebhookSender(strict, java.time.Duration.ofSeconds(5), 20_000, 1_000_000, 2, java.time.Clock.systemUTC())) {
            WebhookSender.Response response = sender.post(receiver.url(), java.util.Map.of(), "{}");
            assertThat(response.status()).isNull();
            assertThat(response.error()).contains("127.0.0.1").contains("refused");
            assertThat(receiver.received()).isEmpty();
        }
    }

    private static DnsResolver fakeDns(String... addresses) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] out = new InetAddress[addresses.length];
                for (int i = 0; i < addresses.length; i++) {
                    out[i] = InetAddress.getByName(addresses[i]);
                }
                return out;
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }
}
