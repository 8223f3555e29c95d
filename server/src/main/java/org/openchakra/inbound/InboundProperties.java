package org.openchakra.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of inbound processing ({@code OPENCHAKRA_INBOUND_*}).
 *
 * @param workers      concurrent processing loops per server process
 * @param batchSize    notifications claimed at once by a loop
 * @param pollInterval how often an idle loop looks for work another process stored
 * @param lease        how long a claimed notification is reserved before another process may take it
 * @param maxAttempts  attempts before a notification that keeps failing is set aside as FAILED
 * @param retention    how long processed notifications are kept
 */
@ConfigurationProperties(prefix = "openchakra.inbound")
public record InboundProperties(int workers, int batchSize, Duration pollInterval, Duration lease, int maxAttempts,
        Duration retention) {

    public InboundProperties {
        workers = workers <= 0 ? 4 : workers;
        batchSize = batchSize <= 0 ? 20 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        retention = retention == null ? Duration.ofDays(7) : retention;
    }
}
