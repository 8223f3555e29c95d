package org.openchakra.whatsapp.meta;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.InputStreamBody;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.openchakra.common.PooledHttp;
import org.openchakra.whatsapp.WhatsappProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one way OpenChakra calls the Graph API: a shared pooled client (connections reused across requests,
 * {@link PooledHttp}), a connect timeout and a per-request timeout, the plugin's token as the bearer. Answers of
 * any status come back as a {@link MetaReply}; only an unreachable or silent Meta throws. Media downloads, which
 * stream, still go through the JDK's HttpClient: they are few, and their callers read its response type.
 */
@Component
public class MetaClient implements DisposableBean {

    /** Concurrent calls to one Graph host at most, per server process; more wait for a connection. */
    private static final int CONNECTIONS_PER_HOST = 1000;

    private static final String JSON_TYPE = "application/json";
    /** As parsed from {@link #JSON_TYPE}: no charset parameter (Apache's APPLICATION_JSON adds one). */
    private static final ContentType JSON_CONTENT = ContentType.parse(JSON_TYPE);

    private final CloseableHttpClient calls;
    /** Made at the first download: an idle JDK HttpClient's selector thread wakes every few seconds (issue 15). */
    private volatile HttpClient downloads;

    private final WhatsappProperties props;

    public MetaClient(WhatsappProperties props) {
        this.props = props;
        this.calls = PooledHttp.client(props.metaConnectTimeout(), props.metaTimeout(), CONNECTIONS_PER_HOST);
    }

    private HttpClient downloads() {
        HttpClient client = downloads;
        if (client == null) {
            synchronized (this) {
                client = downloads;
                if (client == null) {
                    client = HttpClient.newBuilder()
                            .connectTimeout(props.metaConnectTimeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .executor(Executors.newVirtualThreadPerTaskExecutor())
                            .build();
                    downloads = client;
                }
            }
        }
        return client;
    }

    /**
     * Calls {@code {baseUrl}/{pathAndQuery}}; {@code body} null means no body. {@code pathAndQuery} is
     * already encoded and starts without a slash, e.g. {@code v23.0/1065.../messages}.
     */
    public MetaReply call(MetaTarget target, String method, String pathAndQuery, byte[] body, String contentType) {
        BasicClassicHttpRequest request = request(target, method, pathAndQuery);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(
                    body,
                    contentType == null || contentType.equals(JSON_TYPE)
                            ? JSON_CONTENT
                            : ContentType.parse(contentType)));
        }
        return execute(request);
    }

    private static BasicClassicHttpRequest request(MetaTarget target, String method, String pathAndQuery) {
        URI uri = URI.create(withoutTrailingSlashes(target.baseUrl()) + "/" + pathAndQuery);
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, uri);
        request.setHeader("Authorization", "Bearer " + target.accessToken());
        request.setHeader("Accept", "application/json");
        return request;
    }

    // Not a regular expression: this runs on every send.
    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private MetaReply execute(BasicClassicHttpRequest request) {
        try {
            return calls.execute(request, response -> {
                HttpEntity entity = response.getEntity();
                Header type = response.getFirstHeader("Content-Type");
                Header retryAfter = response.getFirstHeader("Retry-After");
                return new MetaReply(
                        response.getCode(),
                        entity == null ? new byte[0] : EntityUtils.toByteArray(entity),
                        type == null ? "application/json" : type.getValue(),
                        Optional.ofNullable(retryAfter).map(Header::getValue));
            });
        } catch (ConnectTimeoutException e) {
            throw new MetaUnavailableException("Meta could not be reached (connect timeout)", false, true);
        } catch (ConnectException e) {
            // Refused (HttpClient's HttpHostConnectException is one): the request never left.
            throw new MetaUnavailableException(
                    "Meta could not be reached: " + e.getClass().getSimpleName(), false, true);
        } catch (IOException e) {
            if (PooledHttp.timedOut(e)) {
                throw new MetaUnavailableException(
                        "Meta did not answer within " + props.metaTimeout().toSeconds() + " s", true);
            }
            throw new MetaUnavailableException(
                    "Meta could not be reached: " + e.getClass().getSimpleName(), false);
        }
    }

    /**
     * Streams the bytes at an absolute URL Meta gave (a media object's {@code url}), with the plugin's token.
     * The caller closes the body. Non-2xx answers are returned, not thrown.
     */
    public HttpResponse<InputStream> download(MetaTarget target, URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(props.metaTimeout())
                .header("Authorization", "Bearer " + target.accessToken())
                .GET();
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // Plain HTTP (the simulator, a local proxy): no h2c upgrade dance on every new connection.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        try {
            return downloads().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new MetaUnavailableException("Meta could not be reached (connect timeout)", false, true);
        } catch (ConnectException e) {
            throw new MetaUnavailableException(
                    "Meta could not be reached: " + e.getClass().getSimpleName(), false, true);
        } catch (HttpTimeoutException e) {
            throw new MetaUnavailableException(
                    "Meta did not answer within " + props.metaTimeout().toSeconds() + " s", true);
        } catch (IOException e) {
            throw new MetaUnavailableException(
                    "Meta could not be reached: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetaUnavailableException("Interrupted while waiting for Meta", false);
        }
    }

    /**
     * A multipart POST (Meta's media upload, {@code {version}/{pnid}/media}): the text {@code fields}, then the
     * file part, streamed from {@code content} (never held whole in memory). The caller closes nothing: the
     * stream is closed when sent.
     */
    public MetaReply postMultipart(
            MetaTarget target,
            String pathAndQuery,
            Map<String, String> fields,
            String fileField,
            String filename,
            String mimeType,
            Supplier<InputStream> content) {
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create().setMode(HttpMultipartMode.STRICT);
        fields.forEach((name, value) -> multipart.addTextBody(name, value, ContentType.TEXT_PLAIN));
        multipart.addPart(
                fileField,
                new InputStreamBody(
                        content.get(), ContentType.parse(mimeType), filename.replaceAll("[\"\\r\\n\\\\]", "_")));
        BasicClassicHttpRequest request = request(target, "POST", pathAndQuery);
        request.setEntity(multipart.build());
        return execute(request);
    }

    public MetaReply get(MetaTarget target, String pathAndQuery) {
        return call(target, "GET", pathAndQuery, null, null);
    }

    public MetaReply postJson(MetaTarget target, String pathAndQuery, byte[] json) {
        return call(target, "POST", pathAndQuery, json, JSON_TYPE);
    }

    @Override
    public void destroy() throws IOException {
        calls.close();
    }
}
