package org.openchakra.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openchakra.whatsapp.meta.MetaClient;

/**
 * The Graph API client starts no JDK HttpClient before its first media download (issue 15: an idle client's
 * selector thread woke every few seconds for nothing). Downloads themselves: WhatsappMediaTest.
 */
class MetaClientIdleTest {

    @Test
    void aNewClientStartsNoSelectorThread() throws Exception {
        long before = selectorThreads();
        MetaClient client = new MetaClient(
                new WhatsappProperties(Duration.ofSeconds(3), Duration.ofSeconds(1), false, Duration.ZERO, "", ""));
        try {
            assertThat(selectorThreads()).isEqualTo(before);
        } finally {
            client.destroy();
        }
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().endsWith("-SelectorManager"))
                .count();
    }
}
