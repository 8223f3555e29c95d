package org.openchakra.app;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in {@link AppUser}; the authorities are the role's privileges at this request, so that
 * {@code hasAuthority("admin")} in the security rules follows role changes at once. Its name is the user id,
 * which Spring Session indexes to end every session of a user.
 */
final class AppAuthentication extends AbstractAuthenticationToken {

    private final AppUser user;

    AppAuthentication(AppUser user) {
        super(user.privileges().stream().map(SimpleGrantedAuthority::new).toList());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public AppUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.id().toString();
    }
}
