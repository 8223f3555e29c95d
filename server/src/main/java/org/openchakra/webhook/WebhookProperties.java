package org.openchakra.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer webhook delivery ({@code OPENCHAKRA_WEBHOOKS_*}; webhooks.md §2.3).
 *
 * @param timeout           a receiver's answer must come within this
 * @param firstRetry        the wait before the second attempt; it doubles after each failure
 * @param maxBackoff        the longest wait between attempts
 * @param retention         how long an event is retried before it is EXPIRED
 * @param keepDelivered     how long delivered rows stay in the log
 * @param workers           delivery loops per server process
 * @param batchSize         deliveries claimed at once by a loop
 * @param pollInterval      how often an idle loop looks for work anyway: new events, answers and due retries
 *                          wake the loops (other processes' events by a cluster notice), so this only finds
 *                          the leases of a process that died mid-send (a lease runs a minute, so such a delivery
 *                          waits up to 2 minutes)
 * @param lease             how long a claimed delivery is reserved; a process killed mid-send frees it then
 */
@ConfigurationProperties(prefix = "openchakra.webhooks")
record WebhookProperties(
        Duration timeout,
        Duration firstRetry,
        Duration maxBackoff,
        Duration retention,
        Duration keepDelivered,
        int workers,
        int batchSize,
        Duration pollInterval,
        Duration lease) {

    public WebhookProperties {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        firstRetry = firstRetry == null ? Duration.ofSeconds(10) : firstRetry;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        retention = retention == null ? Duration.ofHours(24) : retention;
        keepDelivered = keepDelivered == null ? Duration.ofDays(7) : keepDelivered;
        workers = workers <= 0 ? 2 : workers;
        batchSize = batchSize <= 0 ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        lease = lease == null ? Duration.ofMinutes(1) : lease;
        if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
            lease = timeout.multipliedBy(2); // never re-claim a delivery whose answer may still come
        }
    }
}
