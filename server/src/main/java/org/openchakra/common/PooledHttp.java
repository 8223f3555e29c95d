package org.openchakra.common;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The outgoing HTTP client of the server's hot paths (Meta calls, customer webhooks): Apache HttpClient's
 * classic, blocking API, run on the caller's virtual thread, with pooled keep-alive connections.
 *
 * <p>Why not the JDK's HttpClient: each of its calls hands the request to a selector thread and the answer
 * back through futures and executor tasks, several thread wake-ups per call; on these machines that was a third
 * of the server's CPU per send (bench/README.md, issue 15). A blocking call costs about a third as much.
 *
 * <p>Never retried by the client (a send retried behind our back could reach the customer twice) and never
 * redirected; a pooled connection idle for more than a second is checked before it is reused, so a connection the
 * peer closed meanwhile is not written to. No background thread evicts idle connections (the server must stay
 * quiet when idle): expired ones are closed when next leased.
 */
public final class PooledHttp {

    private PooledHttp() {}

    /**
     * A client with {@code connectTimeout} to open a connection, {@code answerTimeout} of silence before an
     * answer counts as lost, and at most {@code perHost} connections to one host.
     */
    public static CloseableHttpClient client(Duration connectTimeout, Duration answerTimeout, int perHost) {
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(answerTimeout))
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .setTimeToLive(TimeValue.ofMinutes(5))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // LAX: no global lock around every lease and release.
                        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                        .setMaxConnPerRoute(perHost)
                        .setMaxConnTotal(perHost * 4)
                        .setDefaultConnectionConfig(connections)
                        // TLS as the JDK sets it up (its trust store, javax.net.ssl.* properties).
                        .useSystemProperties()
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(answerTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .build();
    }

    /** Whether a failed call failed by waiting too long (to connect or for the answer), not by being refused. */
    public static boolean timedOut(IOException e) {
        return e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException;
    }
}
