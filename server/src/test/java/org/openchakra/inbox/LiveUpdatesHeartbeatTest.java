package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live updates' heartbeat runs only while a stream is open: an idle server with no inbox page open is not
 * woken every 25 s for nothing (issue 15), and an open stream gets it.
 */
class LiveUpdatesHeartbeatTest extends AppTest {

    @Autowired
    LiveUpdates live;

    @Test
    void theHeartbeatRunsOnlyWhileAStreamIsOpen() throws Exception {
        // Streams left by earlier tests are found dead by the heartbeat's own writes, which then stops.
        await().atMost(LiveUpdates.HEARTBEAT.multipliedBy(3)).until(() -> !live.beating());

        TestTeam team = newTeam();
        UUID agent = newUser(team, "agent", uniqueEmail("beat"));
        AppSession pages = signedIn(team, agent);
        try (Stream<String> events = pages.lines("/app/events")) {
            Iterator<String> lines = events.iterator();
            assertThat(lines.next()).isEqualTo(":connected");
            assertThat(live.beating()).isTrue();
        }
        await().atMost(LiveUpdates.HEARTBEAT.multipliedBy(3)).until(() -> !live.beating());
    }
}
