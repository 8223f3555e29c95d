package org.openchakra.metasim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint as the server will run it: verifies X-Hub-Signature-256 over the raw bytes in constant
 * time, answers the GET handshake, and records everything. Scripted statuses let tests force retries.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(byte[] body, String signature, String sha1Signature, boolean signatureValid, int answeredWith) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Json.parse(text());
        }
    }

    private final HttpServer server;
    private final String appSecret;
    private final String verifyToken;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<java.time.Duration> scriptedDelays = new ConcurrentLinkedQueue<>();

    WebhookReceiver(String appSecret, String verifyToken) throws IOException {
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/webhooks/meta", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/meta";
    }

    /** The next POSTs answer these statuses, then 200 again. */
    void answerNext(Integer... statuses) {
        scriptedStatuses.addAll(List.of(statuses));
    }

    /** The next POSTs wait this long before answering (to exceed the simulator's timeout). */
    void delayNext(java.time.Duration... delays) {
        scriptedDelays.addAll(List.of(delays));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every {@code value} of every change of every POST, in arrival order. */
    List<JsonNode> values(String field) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received) {
            if (r.answeredWith() != 200) {
                continue;
            }
            for (JsonNode entry : r.json().path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    if (field.equals(change.path("field").asString())) {
                        out.add(change.path("value"));
                    }
                }
            }
        }
        return out;
    }

    /** Status objects for one wamid, in arrival order. */
    List<String> statusesOf(String wamid) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : values("messages")) {
            for (JsonNode status : value.path("statuses")) {
                if (wamid.equals(status.path("id").asString())) {
                    out.add(status.path("status").asString());
                }
            }
        }
        return out;
    }

    JsonNode statusObject(String wamid, String status) {
        for (JsonNode value : values("messages")) {
            for (JsonNode s : value.path("statuses")) {
                if (wamid.equals(s.path("id").asString())
                        && status.equals(s.path("status").asString())) {
                    return s;
                }
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                Map<String, String> q = GraphRequest.parseQuery(
                        URI.create(exchange.getRequestURI().toString()).getRawQuery());
                boolean ok = "subscribe".equals(q.get("hub.mode")) && verifyToken.equals(q.get("hub.verify_token"));
                byte[] body = (ok ? q.get("hub.challenge") : "forbidden").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(ok ? 200 : 403, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            java.time.Duration delay = scriptedDelays.poll();
            if (delay != null) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
            String expected = Signatures.sha256Header(appSecret, body);
            boolean valid = signature != null
                    && MessageDigest.isEqual(
                            signature.getBytes(StandardCharsets.US_ASCII),
                            expected.getBytes(StandardCharsets.US_ASCII));
            Integer scripted = scriptedStatuses.poll();
            int status = scripted != null ? scripted : valid ? 200 : 403;
            received.add(new Received(
                    body, signature, exchange.getRequestHeaders().getFirst("X-Hub-Signature"), valid, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
