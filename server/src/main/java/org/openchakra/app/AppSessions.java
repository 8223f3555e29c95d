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
class AppSessions {

    private final SessionAuthenticationStrategy strategy;
    private final AppSecurityContextRepository contexts;

    AppSessions(SessionAuthenticationStrategy appSignInSessionStrategy, AppSecurityContextRepository contexts) {
        this.strategy = appSignInSessionStrategy;
        this.contexts = contexts;
    }

    void signIn(AppUser user, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = AppSecurityContextRepository.signedIn(user);
        strategy.onAuthentication(context.getAuthentication(), request, response);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
