package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Starts a signed-in session, whichever way the person proved who they are (password, sign-in link, OpenID
 * Connect): a new session id, so that an id planted before sign-in is worth nothing, and a new CSRF token.
 */
@ConditionalOnWebApplication
@Component
public class AppSessions {

    private final SessionAuthenticationStrategy strategy;
    private final AppSecurityContextRepository contexts;
    private final AppUsers users;

    AppSessions(
            SessionAuthenticationStrategy appSignInSessionStrategy,
            AppSecurityContextRepository contexts,
            AppUsers users) {
        this.strategy = appSignInSessionStrategy;
        this.contexts = contexts;
        this.users = users;
    }

    /**
     * Which of these users may still use the app (active, with a role): for what outlives a request, such as
     * an open event stream, to end itself when its user is deactivated.
     */
    public java.util.Set<java.util.UUID> stillActive(java.util.Collection<java.util.UUID> userIds) {
        return users.stillActive(userIds);
    }

    void signIn(AppUser user, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = AppSecurityContextRepository.signedIn(user);
        strategy.onAuthentication(context.getAuthentication(), request, response);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
