package org.openchakra.metasim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The listening side: a JDK {@link HttpServer} on virtual threads. It can drop its listening socket and bind
 * the same port again, which is how "Meta refuses connections" is simulated ({@link DownMode#CONNECTION_REFUSED}).
 */
final class GraphServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GraphServer.class.getName());

    static {
        // The JDK server writes headers and body separately; with Nagle on, the client's delayed ACK stalls each
        // small answer by ~40 ms. The property is read once when the server classes load, so set it first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

    static {
        // The JDK's server closes a connection the moment it becomes idle when 200 are idle already; a client with
        // a bigger pool then writes its next request into the closed socket and reads no answer (Apache
        // HttpClient's NoHttpResponseException), a send whose outcome is unknown. Meta keeps idle connections
        // open, so the simulator does too (unless the JVM was told otherwise).
        if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
            System.setProperty(MAX_IDLE_CONNECTIONS, "10000");
        }
    }

    private final String host;
    private final Function<GraphRequest, GraphResponse> handler;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private int port;

    GraphServer(String host, int port, Function<GraphRequest, GraphResponse> handler) {
        this.host = host;
        this.port = port;
        this.handler = handler;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(host, port), 512);
            created.setExecutor(executor);
            created.createContext("/", this::exchange);
            created.start();
            server = created;
            port = created.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
        }
    }

    /** Closes the listening socket; the port is remembered so {@link #start()} binds it again. */
    synchronized void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    synchronized boolean listening() {
        return server != null;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + shownHost + ":" + port;
    }

    @Override
    public void close() {
        stopListening();
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            GraphResponse response;
            try {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                GraphRequest request = new GraphRequest(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        body);
                response = handler.apply(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulator route failed", e);
                response = GraphResponse.json(500, MetaErrors.unexpected(500).toResponseBody("simulator-internal"));
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            boolean noBody = exchange.getRequestMethod().equalsIgnoreCase("HEAD") || response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
            LOG.log(Level.FINE, "client disconnected", e);
        }
    }
}
