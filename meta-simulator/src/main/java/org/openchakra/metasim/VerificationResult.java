package org.openchakra.metasim;

/**
 * Outcome of the GET verification handshake (spec 6.1): verified only on HTTP 200 whose body is the challenge.
 *
 * @param verified whether the receiver echoed the challenge with 200
 * @param httpStatus the receiver's status, or -1 when it could not be reached
 * @param challenge the {@code hub.challenge} sent
 * @param body what the receiver answered (trimmed), or the connection error text
 */
public record VerificationResult(boolean verified, int httpStatus, String challenge, String body) {}
