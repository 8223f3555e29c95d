package org.openchakra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signing in to the inbox (inbox.md §1), over plain HTTP as a browser would. */
class SignInTest extends AppTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSignInLinkLetsTheUserChooseAPasswordOnceAndSignsThemIn() {
        TestTeam team = newTeam();
        String email = uniqueEmail("asha");
        UUID user = newUser(team, "agent", email);
        String link = signInLink(team, user);
        assertThat(link).startsWith(baseUrl() + "/app/password?link=ocl_");

        AppSession browser = new AppSession(baseUrl());
        Reply page = browser.get(link.substring(baseUrl().length()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        Reply tooShort = browser.post(
                "/app/password", Map.of("link", token(link), "password", "short", "confirmation", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.raw()).contains("at least 12 characters");

        Reply chosen = browser.choosePassword(link, PASSWORD);
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(chosen.header("Location")).endsWith("/app");
        Reply inbox = browser.get("/app");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.raw()).contains("Team " + team.shortName());

        // Spent: the link opens nothing a second time.
        AppSession other = new AppSession(baseUrl());
        assertThat(other.get(link.substring(baseUrl().length())).status()).isEqualTo(410);
        assertThat(other.choosePassword(link, "another long password").status()).isEqualTo(410);

        // The password works on the sign-in page, by email in any case.
        AppSession later = new AppSession(baseUrl());
        Reply signedIn = later.signIn(email.toUpperCase(), PASSWORD);
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(later.get("/app").status()).isEqualTo(200);
    }

    @Test
    void theSessionIdChangesAtSignInAndSignOutEndsTheSession() {
        TestTeam team = newTeam();
        String email = uniqueEmail("ravi");
        UUID user = newUser(team, "agent", email);
        signedIn(team, user);
        AppSession browser = new AppSession(baseUrl());
        browser.get("/app/sign-in");
        String before = browser.sessionCookie();
        assertThat(before).isNotNull();
        assertThat(browser.post("/app/sign-in", Map.of("login", email, "password", PASSWORD))
                        .status())
                .isEqualTo(302);
        String after = browser.sessionCookie();
        assertThat(after).isNotNull().isNotEqualTo(before);

        assertThat(browser.get("/app").status()).isEqualTo(200);
        Reply out = browser.post("/app/sign-out", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).contains("/app/sign-in");
        Reply again = browser.get("/app");
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.header("Location")).endsWith("/app/sign-in");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        TestTeam team = newTeam();
        String email = uniqueEmail("mei");
        signedIn(team, newUser(team, "agent", email));
        Reply wrong = new AppSession(baseUrl()).signIn(email, "not the password at all");
        Reply unknown = new AppSession(baseUrl()).signIn(uniqueEmail("nobody"), "not the password at all");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.raw()).contains("The email or password is wrong.");
        assertThat(unknown.raw()).contains("The email or password is wrong.");
    }

    @Test
    void wrongPasswordsAreThrottledPerEmail() {
        TestTeam team = newTeam();
        String email = uniqueEmail("throttled");
        signedIn(team, newUser(team, "agent", email));
        for (int i = 0; i < 5; i++) {
            assertThat(new AppSession(baseUrl())
                            .signIn(email, "wrong password " + i)
                            .status())
                    .isEqualTo(401);
        }
        // Even the right password now waits.
        Reply throttled = new AppSession(baseUrl()).signIn(email, PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.raw()).contains("Too many failed attempts");
    }

    @Test
    void wrongPasswordsAreThrottledPerAddressToo() {
        // The tests' own settings lift the per-address limit (every test signs in from 127.0.0.1): the throttle
        // with the real limits, on the real table.
        SignInThrottle throttle = new SignInThrottle(jdbc, new AppProperties(5, 5, java.time.Duration.ofMinutes(15)));
        String guesser = "198.51.100." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.wait(uniqueEmail("guess"), guesser)).isEmpty();
            throttle.failed(uniqueEmail("guess"), guesser);
        }
        // Five different emails from one address: the sixth, any email, waits; another address does not.
        assertThat(throttle.wait(uniqueEmail("guess"), guesser))
                .hasValueSatisfying(wait ->
                        assertThat(wait).isBetween(java.time.Duration.ofMinutes(14), java.time.Duration.ofMinutes(15)));
        assertThat(throttle.wait(uniqueEmail("guess"), "198.51.100.250")).isEmpty();
        // A success of one email does not forgive the address.
        throttle.succeeded(uniqueEmail("guess"));
        assertThat(throttle.wait(uniqueEmail("guess"), guesser)).isPresent();
    }

    @Test
    void aDeactivatedUsersOpenSessionIsRefusedAtOnce() {
        TestTeam team = newTeam();
        UUID user = newUser(team, "agent", uniqueEmail("leaver"));
        AppSession browser = signedIn(team, user);
        assertThat(browser.get("/app").status()).isEqualTo(200);

        assertThat(api().delete("/v1/admin/users/" + user, team.adminToken()).status())
                .isEqualTo(200);

        Reply refused = browser.get("/app");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/app/sign-in");
        // And the password no longer signs in.
        assertThat(browser.signIn("x", PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aCrossSitePostWithoutTheCsrfTokenFails() {
        TestTeam team = newTeam();
        String email = uniqueEmail("csrf");
        AppSession browser = signedIn(team, newUser(team, "agent", email));
        Reply forged = browser.postWithoutToken("/app/sign-out", Map.of(), Map.of("Origin", "https://evil.example"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(browser.get("/app").status()).as("still signed in").isEqualTo(200);
        // Signing in is a form too (no login CSRF).
        AppSession forger = new AppSession(baseUrl());
        Reply loginForgery =
                forger.postWithoutToken("/app/sign-in", Map.of("login", email, "password", PASSWORD), Map.of());
        assertThat(loginForgery.status()).isEqualTo(403);
        assertThat(forger.get("/app").status()).isEqualTo(302);
    }

    @Test
    void apiTokensDoNotOpenTheAppAndTheSessionDoesNotOpenTheApi() {
        TestTeam team = newTeam();
        AppSession browser = signedIn(team, newUser(team, "admin", uniqueEmail("both")));
        Reply withToken = new AppSession(baseUrl()).get("/app", Map.of("Authorization", "Bearer " + team.adminToken()));
        assertThat(withToken.status()).isEqualTo(302);
        assertThat(withToken.header("Location")).endsWith("/app/sign-in");

        Reply withCookie = browser.get("/v1/health", Map.of("Cookie", "OPENCHAKRA_SESSION=" + browser.sessionCookie()));
        assertThat(withCookie.status()).isEqualTo(401);
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        Reply page = new AppSession(baseUrl()).get("/app/sign-in");
        assertThat(page.status()).isEqualTo(200);
        String csp = page.header("Content-Security-Policy");
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Set-Cookie"))
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Path=/app");

        // The signed-in pages and their fragments too.
        TestTeam team = newTeam();
        AppSession browser = signedIn(team, newUser(team, "admin", uniqueEmail("headers")));
        for (String path : new String[] {"/app", "/app/chat-list?status=open"}) {
            Reply signedIn = browser.get(path);
            assertThat(signedIn.status()).as(path).isEqualTo(200);
            assertThat(signedIn.header("Content-Security-Policy"))
                    .as(path)
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(signedIn.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(signedIn.raw()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        }
    }

    @Test
    void theSignInLinkEndpointIsForAdminsOfTheUsersTeam() {
        TestTeam team = newTeam();
        TestTeam other = newTeam();
        UUID user = newUser(team, "agent", uniqueEmail("linked"));
        assertThat(api().post("/v1/admin/users/" + user + "/sign-in-link", other.adminToken(), null)
                        .status())
                .isEqualTo(404);
        String agentKey = newKey(team, "agent");
        assertThat(api().post("/v1/admin/users/" + user + "/sign-in-link", agentKey, null)
                        .status())
                .isEqualTo(403);
        Reply link = api().post("/v1/admin/users/" + user + "/sign-in-link", team.adminToken(), null);
        assertThat(link.status()).isEqualTo(200);
        assertThat(link.data().path("expiresAt").asLong())
                .isBetween(System.currentTimeMillis() + 23 * 3_600_000L, System.currentTimeMillis() + 25 * 3_600_000L);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("link=") + 5);
    }
}
