package dev.flywheel.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

    /** Resolves names from a fixed table, like a DNS that an attacker controls. */
    private static UrlGuard.Resolver table(String host, String address) {
        return h -> {
            if (h.equals(host)) {
                return List.of(InetAddress.getByName(address));
            }
            if (h.matches("[0-9a-fA-F:.]+")) {
                return List.of(InetAddress.getByName(h));
            }
            throw new UnknownHostException(h);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://10.1.2.3/", "http://172.16.0.9/", "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://100.64.0.1/", "http://[::1]/", "http://[fd00::1]/",
        "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/", "http://localhost/", "http://app.localhost/", "http://db.internal/"})
    void refusesPrivateLoopbackAndLinkLocalAddresses(String url) {
        UrlGuard guard = new UrlGuard(false, table("none", "1.1.1.1"));
        UrlGuard.Verdict verdict = guard.check(url);
        assertThat(verdict.outcome()).as(url).isEqualTo(UrlGuard.Outcome.REFUSED);
        assertThat(verdict.reason()).contains("private");
    }

    @Test
    void checksTheResolvedAddressNotTheName() {
        UrlGuard guard = new UrlGuard(false, table("innocent.example.com", "10.0.0.5"));
        UrlGuard.Verdict verdict = guard.check("https://innocent.example.com/support");
        assertThat(verdict.outcome()).isEqualTo(UrlGuard.Outcome.REFUSED);
        assertThat(verdict.reason()).contains("10.0.0.5");
    }

    @Test
    void allowsPublicAddresses() {
        UrlGuard guard = new UrlGuard(false, table("acme.com", "93.184.215.14"));
        assertThat(guard.check("https://acme.com/privacy").allowed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://acme.com/x", "javascript:alert(1)", "/relative", "https://user:secret@acme.com/", "not a url", ""})
    void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
        assertThat(new UrlGuard(false, table("acme.com", "93.184.215.14")).check(url).outcome()).isEqualTo(UrlGuard.Outcome.REFUSED);
    }

    @Test
    void aNameThatDoesNotResolveIsUnresolvedNotRefused() {
        assertThat(new UrlGuard(false, table("x", "1.1.1.1")).check("https://nowhere.example/").outcome())
                .isEqualTo(UrlGuard.Outcome.UNRESOLVED);
    }

    @Test
    void privateNetworksCanBeAllowedForAClosedTestNetwork() {
        UrlGuard guard = new UrlGuard(true, table("intranet.corp", "10.0.0.5"));
        assertThat(guard.check("http://127.0.0.1:8080/").allowed()).isTrue();
        assertThat(guard.check("http://intranet.corp/").allowed()).isTrue();
        assertThat(guard.check("http://localhost/").outcome()).isNotEqualTo(UrlGuard.Outcome.REFUSED);
    }

    @Test
    void theReachabilityCheckFetchesOnlyWhatTheGuardAllows() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", e -> {
            e.sendResponseHeaders(200, 2);
            e.getResponseBody().write("ok".getBytes());
            e.close();
        });
        server.createContext("/gone", e -> {
            e.sendResponseHeaders(404, -1);
            e.close();
        });
        server.createContext("/to-file", e -> {
            e.getResponseHeaders().add("Location", "file:///etc/passwd");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            UrlReachabilityCheck open = new UrlReachabilityCheck(new UrlGuard(true, UrlGuard.DNS), Duration.ofSeconds(2));
            assertThat(open.probe(base + "/ok")).isEmpty();
            assertThat(open.probe(base + "/gone")).get().extracting(UrlReachabilityCheck.Problem::message).asString().contains("404");

            UrlReachabilityCheck guarded = new UrlReachabilityCheck(new UrlGuard(false, UrlGuard.DNS), Duration.ofSeconds(2));
            assertThat(guarded.probe(base + "/ok")).get().extracting(UrlReachabilityCheck.Problem::refused).isEqualTo(true);

            // Every redirect hop goes through the guard again.
            UrlReachabilityCheck.Problem redirected = open.probe(base + "/to-file").orElseThrow();
            assertThat(redirected.refused()).isTrue();
            assertThat(redirected.message()).startsWith("redirects to file:///etc/passwd");
        } finally {
            server.stop(0);
        }
    }
}
