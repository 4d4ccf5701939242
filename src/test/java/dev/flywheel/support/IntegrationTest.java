package dev.flywheel.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, against the test database (H2 by default, PostgreSQL
 * in the PostgreSQL suite), with a real SMTP server (GreenMail) receiving every email it sends.
 * All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    public static final String OWNER_KEY = "fw_live_TestBootstrapKey00000000000001";
    public static final String OWNER_EMAIL = "owner@flywheel.test";
    public static final String OWNER_PASSWORD = "correct-horse-battery-staple";

    protected static final GreenMail SMTP = startSmtp();

    @LocalServerPort
    protected int port;

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    protected Api api() {
        return Api.at(port);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A unique email address, so tests never collide on a shared database. */
    protected static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits for the email sent to this address (Flywheel delivers through its outbox, asynchronously). */
    protected static MimeMessage awaitMailTo(String recipient) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> messagesTo(recipient), list -> !list.isEmpty()).get(0);
    }

    protected static List<MimeMessage> messagesTo(String recipient) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The first link to this server in a message's text. */
    protected static String linkIn(MimeMessage message) {
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "=");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no link in message: " + body);
        }
        return m.group();
    }
}
