package org.openchakra.whatsapp.graph;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller's body as it goes on to Meta, which takes JSON, form and multipart bodies alike
 * (meta-cloud-api.md §0). JSON is checked to be an object and forwarded byte for byte; a form is decoded
 * and encoded again (a bad %-escape is the caller's 400, not Meta's); a multipart body (a group picture,
 * the Flows key as Meta's OAS sends it) is written anew from its parts, since the servlet container has
 * already read it. Anything else: 415.
 */
public record ForwardedBody(byte[] bytes, String contentType) {

    static final ForwardedBody NONE = new ForwardedBody(null, null);
    static final int MAX_FORM_FIELDS = 200;
    static final int MAX_PARTS = 50;
    /** A caller's own credentials never replace the plugin's token (as for the query, {@code PassThroughQuery}). */
    private static final Set<String> CREDENTIALS = Set.of("access_token", "appsecret_proof");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ForwardedBody read(HttpServletRequest request) throws IOException {
        MediaType type = contentType(request.getContentType());
        if (type != null && MediaType.MULTIPART_FORM_DATA.includes(type)) {
            return multipart(request);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            return NONE;
        }
        if (type == null
                || MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json")) {
            return json(bytes);
        }
        if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            return form(new String(bytes, StandardCharsets.UTF_8));
        }
        throw new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ErrorDetail.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Content-Type; send application/json, a form or multipart/form-data");
    }

    public boolean present() {
        return bytes != null;
    }

    private static MediaType contentType(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (RuntimeException e) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorDetail.UNSUPPORTED_MEDIA_TYPE, "Unreadable Content-Type");
        }
    }

    private static ForwardedBody json(byte[] bytes) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badRequest(null, "Malformed JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw ApiException.badRequest(null, "The request body must be a JSON object");
        }
        return new ForwardedBody(bytes, MediaType.APPLICATION_JSON_VALUE);
    }

    private static ForwardedBody form(String raw) {
        String[] pairs = raw.split("&");
        if (pairs.length > MAX_FORM_FIELDS) {
            throw ApiException.badRequest(null, "The form has more than " + MAX_FORM_FIELDS + " fields");
        }
        StringJoiner form = new StringJoiner("&");
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty() && !CREDENTIALS.contains(name)) {
                form.add(encode(name) + "=" + encode(value));
            }
        }
        return new ForwardedBody(
                form.toString().getBytes(StandardCharsets.US_ASCII), MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private static ForwardedBody multipart(HttpServletRequest request) throws IOException {
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (ServletException | IllegalStateException e) {
            throw ApiException.badRequest(null, "Malformed multipart request");
        }
        if (parts.size() > MAX_PARTS) {
            throw ApiException.badRequest(null, "The multipart body has more than " + MAX_PARTS + " parts");
        }
        String boundary = "openchakra-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Part> kept = new ArrayList<>(parts);
        for (Part part : kept) {
            if (CREDENTIALS.contains(part.getName())) {
                continue;
            }
            StringBuilder head = new StringBuilder("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(quoted(part.getName()))
                    .append('"');
            if (part.getSubmittedFileName() != null) {
                head.append("; filename=\"")
                        .append(quoted(part.getSubmittedFileName()))
                        .append('"');
            }
            head.append("\r\n");
            if (part.getContentType() != null) {
                head.append("Content-Type: ")
                        .append(part.getContentType().replaceAll("[\r\n]", ""))
                        .append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = part.getInputStream()) {
                in.transferTo(out);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (out.size() == 0) {
            return NONE;
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new ForwardedBody(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(null, "Malformed form body: a bad %-escape");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A name inside a quoted header parameter: no quote, backslash or line break can end it early. */
    private static String quoted(String s) {
        return s.replaceAll("[\"\\\\\r\n]", "_");
    }
}
