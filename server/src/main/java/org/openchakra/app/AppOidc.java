package org.openchakra.app;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.openchakra.OpenChakraProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * The OpenID Connect provider of the settings ({@link AppOidcProperties}), as Spring Security's client needs
 * it. Its metadata is read from the issuer's discovery document on first use, not at start, so that a server
 * whose provider is down still starts and signs people in with passwords; a failed read is tried again on the
 * next sign-in.
 */
@Component
class AppOidc {

    static final String REGISTRATION_ID = "oidc";
    static final String AUTHORIZATION_BASE = "/app/oauth2/authorization";
    static final String CALLBACK_BASE = "/app/oauth2/code";

    private static final Logger log = LoggerFactory.getLogger(AppOidc.class);

    private final AppOidcProperties settings;
    private final OpenChakraProperties props;
    private final AtomicReference<ClientRegistration> resolved = new AtomicReference<>();

    AppOidc(AppOidcProperties settings, OpenChakraProperties props) {
        this.settings = settings;
        this.props = props;
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** What the sign-in page's button names. */
    String name() {
        return settings.name();
    }

    /** The provider's registration, or empty when it is off or its discovery document cannot be read now. */
    Optional<ClientRegistration> registration() {
        if (!enabled()) {
            return Optional.empty();
        }
        ClientRegistration known = resolved.get();
        if (known != null) {
            return Optional.of(known);
        }
        try {
            ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(
                            settings.issuerUri().strip())
                    .registrationId(REGISTRATION_ID)
                    .clientId(settings.clientId().strip())
                    .scope(settings.scopes())
                    .redirectUri(baseUrl() + CALLBACK_BASE + "/{registrationId}");
            if (settings.clientSecret() == null || settings.clientSecret().isBlank()) {
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            } else {
                builder.clientSecret(settings.clientSecret());
            }
            ClientRegistration registration = builder.build();
            resolved.compareAndSet(null, registration);
            return Optional.of(resolved.get());
        } catch (RuntimeException e) {
            log.warn("The OpenID Connect provider {} cannot be used now: {}", settings.issuerUri(), e.toString());
            return Optional.empty();
        }
    }

    /** For Spring Security's OAuth2 login filters: only this one provider, under {@link #REGISTRATION_ID}. */
    ClientRegistrationRepository repository() {
        return id -> REGISTRATION_ID.equals(id) ? registration().orElse(null) : null;
    }

    /** The public base URL when set (behind a proxy), else the request's own ({@code {baseUrl}}). */
    private String baseUrl() {
        String configured = props.publicBaseUrl();
        return configured == null || configured.isBlank()
                ? "{baseUrl}"
                : configured.strip().replaceAll("/+$", "");
    }
}
