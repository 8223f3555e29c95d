package org.openchakra.metasim;

import java.time.Instant;

/**
 * What one number sent, counted over every accepted message (not just the bounded outbox): for benchmarks that
 * send more messages than the outbox keeps and must tell whether any recipient got one twice.
 *
 * @param sends accepted messages
 * @param recipients distinct recipients ({@code wa_id}s)
 * @param recipientsMoreThanOnce recipients that got more than one message
 * @param firstAt the simulator clock at the first accepted message (null before any)
 * @param lastAt the simulator clock at the last accepted message (null before any)
 */
public record SendTally(long sends, long recipients, long recipientsMoreThanOnce, Instant firstAt, Instant lastAt) {}
