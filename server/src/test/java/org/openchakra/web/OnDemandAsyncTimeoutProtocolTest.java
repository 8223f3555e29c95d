package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tomcat's async-timeout check runs only while a request waits in async mode, and such a request still times out
 * (issue 15: an idle server woke every second for Tomcat's check of nothing).
 */
class OnDemandAsyncTimeoutProtocolTest {

    private Tomcat tomcat;
    private OnDemandAsyncTimeoutProtocol protocol;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        Connector connector = new Connector(OnDemandAsyncTimeoutProtocol.class.getName());
        connector.setPort(0);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Wrapper waits = Tomcat.addServlet(context, "waits", new WaitsThenTimesOut());
        waits.setAsyncSupported(true);
        waits.addMapping("/waits");
        tomcat.start();
        protocol = (OnDemandAsyncTimeoutProtocol) connector.getProtocolHandler();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void checksOnlyWhileARequestWaitsAndStillTimesItOut() throws Exception {
        assertThat(protocol.checking()).as("idle: no check").isFalse();

        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + tomcat.getConnector().getLocalPort() + "/waits"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(protocol::checking);

        // The request asked for a 300 ms timeout: the check's next look (within a second) times it out.
        HttpResponse<String> timedOut = answer.get(5, TimeUnit.SECONDS);
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(timedOut.body()).isEqualTo("timed out");

        await().atMost(Duration.ofSeconds(5)).until(() -> !protocol.checking());
    }

    /** Starts async mode with a 300 ms timeout and never completes: only the timeout answers. */
    private static final class WaitsThenTimesOut extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.setTimeout(300);
            async.addListener(new AsyncListener() {
                @Override
                public void onTimeout(AsyncEvent event) throws IOException {
                    HttpServletResponse timedOut = (HttpServletResponse) event.getSuppliedResponse();
                    timedOut.setStatus(504);
                    timedOut.getWriter().write("timed out");
                    event.getAsyncContext().complete();
                }

                @Override
                public void onComplete(AsyncEvent event) {}

                @Override
                public void onError(AsyncEvent event) {}

                @Override
                public void onStartAsync(AsyncEvent event) {}
            });
        }
    }
}
