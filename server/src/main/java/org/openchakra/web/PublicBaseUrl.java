package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;
import org.openchakra.OpenChakraProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where callers reach this server, for links the API hands out: {@code openchakra.public-base-url} when
 * set (behind a proxy), else the scheme, host and port the request itself came to.
 */
@Component
public class PublicBaseUrl {

    private final OpenChakraProperties props;

    public PublicBaseUrl(OpenChakraProperties props) {
        this.props = props;
    }

    /** Without a trailing slash, e.g. {@code https://chat.example.com}. */
    public String of(HttpServletRequest request) {
        String configured = props.publicBaseUrl();
        if (configured != null && !configured.isBlank()) {
            return configured.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }
}
