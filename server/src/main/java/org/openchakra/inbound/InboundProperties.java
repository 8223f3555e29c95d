package org.openchakra.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of inbound processing ({@code OPENCHAKRA_INBOUND_*}).
 *
 * @param workers      concurrent processing loops per server process
 * @param batchSize    notifications of one queue applied in one transaction
 * @param pollInterval how often an idle loop looks for work anyway: new work wakes the loops of every process (a
 *                     cluster notice), so this only finds the work of a process that died before doing it
 * @param maxAttempts  attempts before a notification that keeps failing is set aside as FAILED
 */
@ConfigurationProperties(prefix = "openchakra.inbound")
record InboundProperties(int workers, int batchSize, Duration pollInterval, int maxAttempts) {

    public InboundProperties {
        workers = workers <= 0 ? 2 : workers;
        batchSize = batchSize <= 0 ? 200 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
    }
}
