package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a team's API key (through one of its access tokens) or the server operator.
 * Privileges are those of the key's role at the time of the request.
 */
public record Caller(
        UUID teamId,
        String teamShortName,
        UUID apiKeyId,
        UUID tokenId,
        String roleType,
        Set<String> privileges,
        int requestsPerSecond,
        int burst,
        boolean operator) {

    private static final String ATTRIBUTE = Caller.class.getName();

    public static Caller operatorCaller() {
        return new Caller(null, null, null, null, null, Set.of(), 0, 0, true);
    }

    public static Caller of(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }

    void attachTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public boolean has(String privilege) {
        return privileges.contains(privilege);
    }

    /** What the access log says about the caller: ids only, never a token. */
    String logLabel() {
        return operator ? "operator" : "team=" + teamShortName + " key=" + apiKeyId;
    }
}
