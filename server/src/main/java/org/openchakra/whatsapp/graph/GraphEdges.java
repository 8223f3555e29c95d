package org.openchakra.whatsapp.graph;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaErrorRelay;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.template.PassThroughQuery;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Passes a caller's request on to one Graph edge as whom the plugin is: same method, the query and body
 * made well formed ({@link PassThroughQuery}, {@link ForwardedBody}), {@code {version}/{node}[/{edge}]}.
 */
@Component
public class GraphEdges {

    private final MetaClient meta;

    public GraphEdges(MetaClient meta) {
        this.meta = meta;
    }

    /** {@code body} was read from the request before anything was looked up: see {@link ForwardedBody#read}. */
    public MetaReply forward(
            MetaTarget target,
            HttpServletRequest request,
            ForwardedBody body,
            String version,
            String node,
            String edge) {
        String path = GraphVersion.checked(version) + "/" + segment(node) + (edge == null ? "" : "/" + edge)
                + PassThroughQuery.parse(request.getQueryString()).suffix();
        return meta.call(target, request.getMethod(), path, body.bytes(), body.contentType());
    }

    /** Reads the body; a method without one (GET) forwards none whatever was sent. */
    public static ForwardedBody body(HttpServletRequest request) throws IOException {
        return "GET".equals(request.getMethod()) ? ForwardedBody.NONE : ForwardedBody.read(request);
    }

    /** Group ids are opaque text (meta-cloud-api.md §10.1): one path segment whatever they hold. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Meta's answer unwrapped: its body as received on success, §2.3 on a refusal. */
    public static ResponseEntity<Object> unwrapped(MetaReply reply) {
        if (!reply.ok()) {
            return MetaErrorRelay.relay(reply);
        }
        return ResponseEntity.status(reply.status())
                .contentType(mediaType(reply.contentType()))
                .body(reply.body());
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_JSON;
        }
    }
}
