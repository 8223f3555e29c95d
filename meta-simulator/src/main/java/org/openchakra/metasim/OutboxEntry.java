package org.openchakra.metasim;

import java.time.Instant;

/**
 * One message request the simulator accepted (HTTP 200), as a test or the sandbox outbox reads it.
 *
 * @param wamid the id answered to the client
 * @param phoneNumberId the sending number
 * @param to {@code to} as sent
 * @param waId the normalised recipient (digits), or the group id for group sends
 * @param type the message {@code type}
 * @param requestJson the request body as received (JSON text; form bodies are shown as JSON)
 * @param apiVersion the path version, e.g. {@code v23.0}
 * @param receivedAt the simulator clock at acceptance
 */
public record OutboxEntry(
        String wamid,
        String phoneNumberId,
        String to,
        String waId,
        String type,
        String requestJson,
        String apiVersion,
        Instant receivedAt) {}
