package org.openchakra.app;

import org.openchakra.OpenChakraProperties;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.stereotype.Component;

/**
 * The session cookie is {@code Secure} when the server's public base URL is https (inbox.md §1), whatever
 * the scheme of the hop from a TLS-terminating proxy; its other attributes are in application.yaml.
 */
@Component
class AppSessionCookie implements DefaultCookieSerializerCustomizer {

    private final boolean https;

    AppSessionCookie(OpenChakraProperties props) {
        this.https = props.publicBaseUrl() != null
                && props.publicBaseUrl()
                        .strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .startsWith("https://");
    }

    @Override
    public void customize(DefaultCookieSerializer serializer) {
        if (https) {
            serializer.setUseSecureCookie(true);
        }
    }
}
