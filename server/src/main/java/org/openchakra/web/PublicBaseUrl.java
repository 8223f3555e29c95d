package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;
import org.openchakra.OpenChakraProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Where the outside world reaches this server, for the absolute URLs it hands out (public media, media
 * objects): {@code openchakra.public-base-url} when set, else the scheme, host and port the request itself
 * was made to. Behind a proxy the request's own host is the proxy's view of it at best, so deployments
 * that hand out URLs set the property.
 */
@Component
public class PublicBaseUrl {

    private final String configured;

    public PublicBaseUrl(OpenChakraProperties props) {
        String url = props.publicBaseUrl();
        this.configured = url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
    }

    public String of(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        return ServletUriComponentsBuilder.fromContextPath(request)
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
    }
}
