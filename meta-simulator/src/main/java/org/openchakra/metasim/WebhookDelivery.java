package org.openchakra.metasim;

import java.time.Instant;

/**
 * One webhook POST as sent, for tests and diagnostics.
 *
 * @param wabaId the WABA whose app received it
 * @param url callback URL, or null when none was configured (the webhook was only logged)
 * @param body the exact bytes sent, as ASCII text
 * @param signature the {@code X-Hub-Signature-256} header value
 * @param attempts attempts made so far
 * @param outcome {@code DELIVERED}, {@code RETRYING}, {@code DROPPED} (retries exhausted) or {@code NO_URL}
 * @param lastHttpStatus status of the last attempt, or -1 for a connection error or timeout
 * @param firstAttemptAt simulator clock at the first attempt
 * @param duplicate true for a deliberate replay of an already delivered body
 */
public record WebhookDelivery(
        String wabaId,
        String url,
        String body,
        String signature,
        int attempts,
        String outcome,
        int lastHttpStatus,
        Instant firstAttemptAt,
        boolean duplicate) {}
