package org.openchakra.app;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Optional sign-in with an OpenID Connect provider (inbox.md §1), {@code openchakra.app.oidc.*}: on when
 * {@code issuerUri} and {@code clientId} are set. {@code name} is what the sign-in page's button names
 * ("Sign in with Google"). The provider must call back to {@code <public base URL>/app/oauth2/code/oidc}.
 */
@ConfigurationProperties("openchakra.app.oidc")
record AppOidcProperties(
        String issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue("your company account") String name,
        @DefaultValue({"openid", "email", "profile"}) List<String> scopes) {

    boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank() && clientId != null && !clientId.isBlank();
    }
}
