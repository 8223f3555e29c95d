package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What {@link PrivilegeInterceptor} checks for an endpoint marked {@link RequiresPrivilege}, for a short path that
 * serves one endpoint before Spring MVC's dispatch (the same refusals, in the same order).
 */
public final class PrivilegeChecks {

    private PrivilegeChecks() {}

    /** The caller of {@code request}, whose role must have {@code privilege}. */
    public static Caller require(HttpServletRequest request, String privilege) {
        Caller caller = caller(request);
        privilege(caller, privilege);
        return caller;
    }

    static Caller caller(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (caller == null) {
            throw ApiException.unauthenticated("Missing bearer token: send Authorization: Bearer <token>");
        }
        return caller;
    }

    static void privilege(Caller caller, String privilege) {
        if (caller.operator()) {
            throw ApiException.forbidden("The operator token manages teams only; use an API key of the team");
        }
        if (!caller.has(privilege)) {
            throw ApiException.forbidden("The API key's role lacks the privilege '" + privilege + "'");
        }
    }
}
