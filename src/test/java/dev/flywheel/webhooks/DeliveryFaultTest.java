package dev.flywheel.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.events.Events;
import dev.flywheel.platform.Mode;
import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Faults: the receiver goes away and comes back, a dispatcher dies mid-dispatch, two dispatchers
 * share one queue. The application's own dispatcher is stopped for the duration of each test, and
 * the test runs its own dispatcher instances against the same database (as other nodes would).
 */
@Tag("database")
class DeliveryFaultTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    Dispatcher applicationDispatcher;
    @Autowired
    EndpointRepository endpoints;
    @Autowired
    SigningKeys keys;
    @Autowired
    EndpointDisabler disabler;
    @Autowired
    Events events;
    @Autowired
    PlatformTransactionManager transactions;

    private final Receiver receiver = new Receiver();
    private final List<Dispatcher> started = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void stopTheApplicationsDispatcher() {
        applicationDispatcher.stop();
    }

    @AfterEach
    void restore() {
        started.forEach(Dispatcher::halt);
        created.forEach(id -> owner().delete("/api/v1/webhook-endpoints/" + id));
        receiver.close();
        applicationDispatcher.start();
    }

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private static WebhooksProperties properties(List<Duration> schedule, Duration disableAfter, int threads) {
        return new WebhooksProperties(true, "", schedule, 0.2, Duration.ofSeconds(5), disableAfter, DataSize.ofKilobytes(20),
                DataSize.ofMegabytes(1), Duration.ofHours(24), true, threads, 50, 2, Duration.ofMillis(20), Duration.ofSeconds(30),
                Duration.ofHours(24), Duration.ofDays(30), 1000);
    }

    private static List<Duration> fast(int attempts) {
        List<Duration> schedule = new ArrayList<>();
        schedule.add(Duration.ZERO);
        for (int i = 1; i < attempts; i++) {
            schedule.add(Duration.ofMillis(300));
        }
        return schedule;
    }

    private Dispatcher dispatcher(String name, WebhooksProperties properties, Clock clock) {
        Dispatcher d = new Dispatcher(new DeliveryQueue(dataSource), endpoints, keys,
                new WebhookSender(new AddressGuard(true), properties.timeout(), 20_000, 1_000_000, properties.threads(), clock),
                disabler, new WebhookMetrics(new SimpleMeterRegistry()), properties, clock, name);
        started.add(d);
        d.start();
        return d;
    }

    private String endpointFor(String type) {
        Api.Response r = owner().post("/api/v1/webhook-endpoints", """
                {"url":"%s","event_types":["%s"]}""".formatted(receiver.url(), type));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        created.add(r.text("id"));
        return r.text("id");
    }

    private String newType() {
        String name = "fault" + unique("t").replace("-", "") + ".happened";
        assertThat(owner().post("/api/v1/event-types", "{\"name\":\"" + name + "\",\"schema\":{\"type\":\"object\"}}").status()).isEqualTo(201);
        return name;
    }

    private List<String> sendBatch(String type, int count) {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < count; offset += 500) {
            StringBuilder events = new StringBuilder();
            for (int i = offset; i < Math.min(count, offset + 500); i++) {
                events.append(i == offset ? "" : ",").append("{\"type\":\"" + type + "\",\"account\":\"cus_f\",\"data\":{\"n\":" + i + "}}");
            }
            Api.Response r = owner().post("/api/v1/events/batch", "{\"events\":[" + events + "]}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            r.json().get("data").forEach(a -> ids.add(a.get("id").asString()));
        }
        return ids;
    }

    /** The receiver answers nothing until the returned latch is released (or 10 s pass): deliveries stay in flight. */
    private CountDownLatch holdAnswers() {
        CountDownLatch release = new CountDownLatch(1);
        receiver.answer(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Receiver.Answer.ok();
        });
        return release;
    }

    private Map<String, Long> receivedIds() {
        return receiver.received().stream().collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
    }

    private void awaitAllDelivered(List<String> ids, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> receivedIds().keySet().containsAll(ids));
    }

    @Test
    void whenTheReceiverIsDownForAWhileEverythingArrivesOnceItIsBack() {
        String type = newType();
        String endpoint = endpointFor(type);
        receiver.down();
        List<String> ids = sendBatch(type, 40);
        dispatcher("node-a", properties(fast(10), Duration.ofDays(5), 8), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(
                () -> endpoints.find(endpoint).orElseThrow().failingSince() != null);
        receiver.up();
        awaitAllDelivered(ids, Duration.ofSeconds(20));
        assertThat(receivedIds().keySet()).containsAll(ids);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> endpoints.find(endpoint).orElseThrow().failingSince() == null);
    }

    @Test
    void aDispatcherKilledMidDispatchLosesNothing() throws Exception {
        String type = newType();
        String endpoint = endpointFor(type);
        CountDownLatch release = holdAnswers();
        List<String> ids = sendBatch(type, 60);
        Dispatcher first = dispatcher("node-a", properties(fast(10), Duration.ofDays(5), 8), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 8);
        first.halt();
        release.countDown();
        receiver.answer(r -> Receiver.Answer.ok());
        DeliveryQueue queue = new DeliveryQueue(dataSource);
        assertThat(queue.countByStatus(endpoint, DeliveryStatus.SENDING)).isPositive();

        // A node started later sees the dead node's claims expire (its clock is past their lease) and takes them over.
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
        dispatcher("node-b", properties(fast(10), Duration.ofDays(5), 8), later);
        awaitAllDelivered(ids, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.countByStatus(endpoint, DeliveryStatus.DELIVERED) == ids.size());
        long duplicates = receivedIds().values().stream().mapToLong(n -> n - 1).sum();
        System.out.println("Killed dispatcher: " + ids.size() + " events, all delivered, " + duplicates
                + " delivered twice (in flight when the node died; receivers deduplicate on webhook-id)");
        assertThat(duplicates).isLessThanOrEqualTo(8);
    }

    @Test
    void eventsHandedToANodeThatDiesAreDeliveredByAnother() {
        String type = newType();
        String endpoint = endpointFor(type);
        CountDownLatch release = holdAnswers();
        applicationDispatcher.start();
        List<String> ids = sendBatch(type, 60);
        // The node had room: its deliveries were stored already claimed by it, none left for a claim.
        DeliveryQueue queue = new DeliveryQueue(dataSource);
        assertThat(queue.countByStatus(endpoint, DeliveryStatus.PENDING)).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        applicationDispatcher.halt();
        release.countDown();
        receiver.answer(r -> Receiver.Answer.ok());
        assertThat(queue.countByStatus(endpoint, DeliveryStatus.SENDING)).isEqualTo(ids.size());

        // Once their lease (2 minutes by default) has ended, another node takes them over.
        dispatcher("node-b", properties(fast(10), Duration.ofDays(5), 8), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)));
        awaitAllDelivered(ids, Duration.ofSeconds(30));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.countByStatus(endpoint, DeliveryStatus.DELIVERED) == ids.size());
    }

    @Test
    void eventsWhoseTransactionRollsBackGiveTheNodesRoomBack() {
        String type = newType();
        endpointFor(type);
        applicationDispatcher.start();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        // More rolled-back events than the node has room for: each reserved room for its delivery, none may keep it.
        for (int i = 0; i < 500; i++) {
            int n = i;
            transaction.executeWithoutResult(status -> {
                events.emit(type, "cus_rolled_back", Map.of("n", n), Mode.LIVE);
                status.setRollbackOnly();
            });
        }
        List<String> ids = sendBatch(type, 3);
        awaitAllDelivered(ids, Duration.ofSeconds(10));
        assertThat(receivedIds().keySet()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void twoDispatchersOnOnePostgresShareTheQueueWithoutLoss() {
        Assumptions.assumeTrue("postgres".equals(System.getProperty("flywheel.test.database")), "needs PostgreSQL (SKIP LOCKED claims)");
        String type = newType();
        endpointFor(type);
        List<String> ids = sendBatch(type, 600);
        Dispatcher a = dispatcher("node-a", properties(fast(10), Duration.ofDays(5), 8), Clock.systemUTC());
        Dispatcher b = dispatcher("node-b", properties(fast(10), Duration.ofDays(5), 8), Clock.systemUTC());
        awaitAllDelivered(ids, Duration.ofSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.deliveredCount() + b.deliveredCount() >= ids.size());
        assertThat(receivedIds().values()).allMatch(n -> n == 1);
        assertThat(a.deliveredCount()).isPositive();
        assertThat(b.deliveredCount()).isPositive();
    }

    @Test
    void failedMessagesAreRecoveredSinceATime() {
        String type = newType();
        String endpoint = endpointFor(type);
        receiver.answer(r -> Receiver.Answer.status(500));
        Instant since = Instant.now().minusSeconds(1);
        List<String> ids = sendBatch(type, 5);
        dispatcher("node-a", properties(fast(1), Duration.ofDays(5), 4), Clock.systemUTC());
        DeliveryQueue queue = new DeliveryQueue(dataSource);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queue.countByStatus(endpoint, DeliveryStatus.FAILED) == 5);
        receiver.answer(r -> Receiver.Answer.ok());
        Api.Response recovered = owner().post("/api/v1/webhook-endpoints/" + endpoint + "/recover", "{\"since\":\"" + since + "\"}");
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(202);
        assertThat(recovered.json().get("recovered").asInt()).isEqualTo(5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queue.countByStatus(endpoint, DeliveryStatus.DELIVERED) == 5);
        assertThat(receivedIds().keySet()).containsAll(ids);
    }

    @Test
    void anEndpointFailingContinuouslyIsDisabledAndItsOwnerEmailed() {
        String type = newType();
        String endpoint = endpointFor(type);
        receiver.answer(r -> Receiver.Answer.status(500));
        sendBatch(type, 1);
        dispatcher("node-a", properties(fast(10), Duration.ofMillis(500), 2), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !endpoints.find(endpoint).orElseThrow().enabled());
        assertThat(endpoints.find(endpoint).orElseThrow().disabledReason()).contains("failing continuously");
        Function<jakarta.mail.internet.MimeMessage, Boolean> aboutIt = m -> {
            try {
                return com.icegreen.greenmail.util.GreenMailUtil.getBody(m).contains(endpoint);
            } catch (Exception e) {
                return false;
            }
        };
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> messagesTo(OWNER_EMAIL).stream().anyMatch(aboutIt::apply));
        Api.Response events = owner().get("/api/v1/events?type=webhook_endpoint.disabled&limit=100");
        assertThat(events.body()).contains(endpoint);
    }
}
