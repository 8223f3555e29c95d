package org.openchakra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * Signing in with an OpenID Connect provider (inbox.md §1), against a real one in the test JVM
 * (mock-oauth2-server: discovery, authorization code flow, signed ID tokens) and a server process whose
 * settings name it. The person is matched by the email the provider says it verified.
 */
class OidcSignInTest {

    private static final String CLIENT_ID = "openchakra-inbox";
    private static final String ISSUER = "company";

    private MockOAuth2Server provider;

    @AfterEach
    void stopProvider() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void aUserSignsInWithTheProvidersVerifiedEmailAndOnlyThen() throws Exception {
        int providerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            providerPort = free.getLocalPort();
        }
        Path dataDir = Files.createDirectories(Path.of("target", "test-data")).resolve("oidc-" + System.nanoTime());
        Map<String, String> settings = Map.of(
                "OPENCHAKRA_APP_OIDC_ISSUERURI",
                "http://localhost:" + providerPort + "/" + ISSUER,
                "OPENCHAKRA_APP_OIDC_CLIENTID",
                CLIENT_ID,
                "OPENCHAKRA_APP_OIDC_CLIENTSECRET",
                "the client's secret",
                "OPENCHAKRA_APP_OIDC_NAME",
                "Company SSO");
        try (ServerProcess server = new ServerProcess(dataDir, settings)) {
            server.start();
            String admin =
                    Files.readString(dataDir.resolve("initial-admin-token")).trim();
            Reply created = server.api()
                    .post(
                            "/v1/admin/users",
                            admin,
                            Map.of(
                                    "username", "priya",
                                    "email", "Priya@Example.com",
                                    "role", "agent",
                                    "displayName", "Priya"));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String base = server.api().baseUrl();

            // The sign-in page offers the provider by the name the settings give it.
            AppSession browser = new AppSession(base);
            assertThat(browser.get("/app/sign-in").raw()).contains("Sign in with Company SSO");

            // The provider is down (the server started all the same): back to the sign-in page, passwords work.
            Reply start = browser.get("/app/sign-in/oidc");
            assertThat(start.status()).isEqualTo(302);
            assertThat(path(start)).isEqualTo("/app/sign-in?oidc=unavailable");
            assertThat(browser.get("/app/sign-in?oidc=unavailable").raw())
                    .contains("not possible right now")
                    .contains("id=\"password\"");
            // Spring Security's own start, asked directly, says so too rather than 500.
            Reply direct = browser.get("/app/oauth2/authorization/oidc");
            assertThat(direct.status()).isEqualTo(302);
            assertThat(path(direct)).isEqualTo("/app/sign-in?oidc=failed");

            // The provider comes up: its discovery document is read at the next sign-in.
            provider = new MockOAuth2Server();
            provider.start(providerPort);

            // A verified email of an active user: signed in, a session of OpenChakra's (not the provider's).
            provider.enqueueCallback(person("priya@example.com", true));
            Reply landed = signInWithProvider(browser);
            assertThat(path(landed)).as(landed.raw()).isEqualTo("/app");
            Reply inbox = browser.get("/app");
            assertThat(inbox.status()).isEqualTo(200);
            assertThat(inbox.raw()).contains("Priya");

            // An email the provider has not verified signs no one in.
            AppSession unverified = new AppSession(base);
            provider.enqueueCallback(person("priya@example.com", false));
            assertThat(path(signInWithProvider(unverified))).isEqualTo("/app/sign-in?oidc=unverified");
            assertThat(unverified.get("/app/sign-in?oidc=unverified").raw())
                    .contains("Company SSO did not confirm that it has verified your email");
            assertThat(unverified.get("/app").status()).isEqualTo(302);

            // An email no user has: refused, with the reason.
            AppSession stranger = new AppSession(base);
            provider.enqueueCallback(person("someone@elsewhere.example", true));
            assertThat(path(signInWithProvider(stranger))).isEqualTo("/app/sign-in?oidc=unknown");
            assertThat(stranger.get("/app").status()).isEqualTo(302);

            // Deactivated: the provider's word is not enough, and her open session ends too.
            String userId = created.data().path("id").asString();
            assertThat(server.api().delete("/v1/admin/users/" + userId, admin).status())
                    .isEqualTo(200);
            AppSession leaver = new AppSession(base);
            provider.enqueueCallback(person("priya@example.com", true));
            assertThat(path(signInWithProvider(leaver))).isEqualTo("/app/sign-in?oidc=unknown");
            assertThat(browser.get("/app").status()).isEqualTo(302);
        }
    }

    /** The provider's next answer: the person with this email, verified or not, for this client. */
    private static DefaultOAuth2TokenCallback person(String email, boolean verified) {
        return new DefaultOAuth2TokenCallback(
                ISSUER,
                "subject-" + email,
                "JWT",
                List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", verified),
                3600);
    }

    /**
     * The browser's round trip: the sign-in page's link, OpenChakra's redirect to the provider, the provider's
     * redirect back with a code (it asks nothing), OpenChakra's answer to that (a redirect) is returned.
     */
    private static Reply signInWithProvider(AppSession browser) {
        Reply start = browser.get("/app/sign-in/oidc");
        assertThat(start.status()).as(start.raw()).isEqualTo(302);
        Reply toProvider = browser.get(path(start));
        assertThat(toProvider.status()).as(toProvider.raw()).isEqualTo(302);
        URI authorize = URI.create(toProvider.header("Location"));
        Reply back = browser.getAbsolute(authorize);
        assertThat(back.status()).as(back.raw()).isEqualTo(302);
        return browser.get(path(back));
    }

    /** A redirect's target on the server, whether the Location header is absolute or not. */
    private static String path(Reply redirect) {
        URI location = URI.create(redirect.header("Location"));
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }
}
