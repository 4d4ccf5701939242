package dev.flywheel.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A tiny webhook receiver on 127.0.0.1: records every request and answers what the test decides. */
public final class Receiver implements AutoCloseable {

    public record Received(Map<String, List<String>> headers, String body, Instant at) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer: status and optional headers. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer ok() {
            return new Answer(200, Map.of(), "ok");
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> behaviour = r -> Answer.ok();
    private HttpServer server;
    private int port;

    public Receiver() {
        start(0);
    }

    private void start(int wanted) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", wanted), 200);
                break;
            } catch (BindException e) {
                sleepQuietly();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (server == null) {
            throw new IllegalStateException("could not bind port " + wanted);
        }
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(headers, body, Instant.now());
            received.add(r);
            Answer answer = behaviour.apply(r);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    public void answer(Function<Received, Answer> behaviour) {
        this.behaviour = behaviour;
    }

    public List<Received> received() {
        return received;
    }

    /** The receiver goes away: connections are refused. */
    void down() {
        server.stop(0);
    }

    /** The receiver comes back on the same port. */
    void up() {
        start(port);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
