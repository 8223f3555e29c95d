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
import java.util.concurrent.Executors;
import org.openchakra.whatsapp.WhatsappProperties;
import org.springframework.stereotype.Component;

/**
 * The one way OpenChakra calls the Graph API: a shared JDK HttpClient (connections reused across
 * requests), a connect timeout and a per-request timeout, the plugin's token as the bearer. Answers of
 * any status come back as a {@link MetaReply}; only an unreachable or silent Meta throws.
 */
@Component
public class MetaClient {

    private final HttpClient http;
    private final WhatsappProperties props;

    public MetaClient(WhatsappProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.metaConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * Calls {@code {baseUrl}/{pathAndQuery}}; {@code body} null means no body. {@code pathAndQuery} is
     * already encoded and starts without a slash, e.g. {@code v23.0/1065.../messages}.
     */
    public MetaReply call(MetaTarget target, String method, String pathAndQuery, byte[] body, String contentType) {
        URI uri = URI.create(target.baseUrl().replaceAll("/+$", "") + "/" + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(props.metaTimeout())
                .header("Authorization", "Bearer " + target.accessToken())
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        HttpResponse<byte[]> response = send(request, uri, HttpResponse.BodyHandlers.ofByteArray());
        return new MetaReply(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Content-Type").orElse("application/json"),
                response.headers().firstValue("Retry-After"));
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
        return send(request, url, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Sends on the shared client; an unreachable Meta is 502, a silent one 504. */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, URI uri, HttpResponse.BodyHandler<T> handler) {
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Plain HTTP (the simulator, a local proxy): no h2c upgrade dance on every new connection.
            request.version(HttpClient.Version.HTTP_1_1);
        }
        try {
            return http.send(request.build(), handler);
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
            java.util.Map<String, String> fields,
            String fileField,
            String filename,
            String mimeType,
            java.util.function.Supplier<InputStream> content) {
        String boundary =
                "----openchakra" + java.util.UUID.randomUUID().toString().replace("-", "");
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        head.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(fileField)
                .append("\"; filename=\"")
                .append(filename.replaceAll("[\"\\r\\n\\\\]", "_"))
                .append("\"\r\nContent-Type: ")
                .append(mimeType)
                .append("\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        URI uri = URI.create(target.baseUrl().replaceAll("/+$", "") + "/" + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(props.metaTimeout())
                .header("Authorization", "Bearer " + target.accessToken())
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head.toString()),
                        HttpRequest.BodyPublishers.ofInputStream(content),
                        HttpRequest.BodyPublishers.ofString(tail)));
        HttpResponse<byte[]> response = send(request, uri, HttpResponse.BodyHandlers.ofByteArray());
        return new MetaReply(
                response.statusCode(),
                response.body(),
                response.headers().firstValue("Content-Type").orElse("application/json"),
                response.headers().firstValue("Retry-After"));
    }

    public MetaReply get(MetaTarget target, String pathAndQuery) {
        return call(target, "GET", pathAndQuery, null, null);
    }

    public MetaReply postJson(MetaTarget target, String pathAndQuery, byte[] json) {
        return call(target, "POST", pathAndQuery, json, "application/json");
    }
}
