package org.openchakra.app;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * What follows the OpenID Connect provider's answer (inbox.md §1): the person is the active user of OpenChakra
 * whose primary email is the one the provider says it has verified, and signs in as with a password (a new
 * session, {@link AppSessions}). An email of users in several teams takes the team this browser last signed in
 * to. Anything else goes back to the sign-in page with a reason ({@code ?oidc=<reason>}); the provider's tokens
 * are not kept.
 */
@ConditionalOnWebApplication
@Component
class OidcSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    /** Why an OpenID Connect sign-in went back to the sign-in page: each has its message {@code signIn.oidc.*}. */
    enum Refusal {
        UNAVAILABLE,
        FAILED,
        UNVERIFIED,
        UNKNOWN,
        TEAMS
    }

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final int MAX_CANDIDATES = 20;

    private final AppUsers users;
    private final AppSessions sessions;
    private final RequestCache requestCache;

    OidcSignIn(AppUsers users, AppSessions sessions, RequestCache appRequestCache) {
        this.users = users;
        this.sessions = sessions;
        this.requestCache = appRequestCache;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        // The provider's authentication only carried the claims: the session is OpenChakra's user's.
        SecurityContextHolder.clearContext();
        if (!(authentication.getPrincipal() instanceof OidcUser person)) {
            refuse(response, Refusal.FAILED);
            return;
        }
        String email = person.getEmail();
        if (email == null || email.isBlank() || !Boolean.TRUE.equals(person.getEmailVerified())) {
            refuse(response, Refusal.UNVERIFIED);
            return;
        }
        List<AppUser> matching = users.byEmail(email.strip(), MAX_CANDIDATES).stream()
                .map(AppUsers.Account::user)
                .toList();
        if (matching.size() > 1) {
            Optional<String> lastTeam = lastTeam(request);
            matching = matching.stream()
                    .filter(u -> lastTeam.isPresent() && u.teamShortName().equals(lastTeam.get()))
                    .toList();
            if (matching.size() != 1) {
                refuse(response, Refusal.TEAMS);
                return;
            }
        }
        if (matching.isEmpty()) {
            refuse(response, Refusal.UNKNOWN);
            return;
        }
        AppUser user = matching.getFirst();
        sessions.signIn(user, request, response);
        SignInController.rememberTeam(user, response);
        response.sendRedirect(SignInController.afterSignIn(requestCache, request, response));
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        // The provider said no, the answer did not check out, or the provider could not be reached: the reason
        // goes to the log (it names no token), the person sees that it did not work.
        log.info("OpenID Connect sign-in failed: {}", exception.getMessage());
        refuse(response, Refusal.FAILED);
    }

    private static void refuse(HttpServletResponse response, Refusal why) throws IOException {
        response.sendRedirect(refused(why));
    }

    /** The sign-in page, saying why. */
    static String refused(Refusal why) {
        return AppSecurityConfig.SIGN_IN + "?oidc=" + why.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<String> lastTeam(HttpServletRequest request) {
        return request.getCookies() == null
                ? Optional.empty()
                : Arrays.stream(request.getCookies())
                        .filter(c -> c.getName().equals(SignInController.TEAM_COOKIE))
                        .map(Cookie::getValue)
                        .findFirst();
    }

    /** The provider's tokens serve only to sign in: none is kept, in memory or in the session. */
    static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String clientRegistrationId, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient authorizedClient,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String clientRegistrationId,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}
    }
}
