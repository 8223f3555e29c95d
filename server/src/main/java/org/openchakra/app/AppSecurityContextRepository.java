package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Keeps only the user's id in the session (a plain string, stored by Spring Session in PostgreSQL) and reads
 * the user afresh on every request: a deactivated user, or one whose role or team is gone, has no session
 * from that request on, on every instance. Nothing of Spring Security's own classes is serialized into a
 * session, so an upgrade of the library never strands the sessions people have open.
 */
class AppSecurityContextRepository implements SecurityContextRepository {

    static final String USER_ID = "openchakra.app.userId";

    private final AppUsers users;

    AppSecurityContextRepository(AppUsers users) {
        this.users = users;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext loaded;

            @Override
            public SecurityContext get() {
                if (loaded == null) {
                    loaded = load(request);
                }
                return loaded;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    private SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(USER_ID) instanceof String id)) {
            return context;
        }
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            session.invalidate();
            return context;
        }
        var account = users.active(userId);
        if (account.isEmpty()) {
            // Deactivated, deleted, or without a role: this session ends here (inbox.md §1).
            session.invalidate();
            return context;
        }
        context.setAuthentication(new AppAuthentication(account.get().user()));
        return context;
    }

    @Override
    @SuppressWarnings("deprecation") // the interface still declares it; loadDeferredContext is what is called
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        if (context.getAuthentication() instanceof AppAuthentication signedIn) {
            HttpSession session = request.getSession(true);
            session.setAttribute(USER_ID, signedIn.getName());
            session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, signedIn.getName());
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(USER_ID);
        }
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(USER_ID) != null;
    }

    static SecurityContextImpl signedIn(AppUser user) {
        return new SecurityContextImpl(new AppAuthentication(user));
    }
}
