package org.openchakra.web;

import java.util.Optional;

/** Turns a bearer token into a {@link Caller}; empty for unknown, revoked or deleted credentials. */
public interface CallerAuthenticator {
    Optional<Caller> authenticate(String bearerToken);
}
