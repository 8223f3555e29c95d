package org.openchakra.team;

import java.util.UUID;
import java.util.function.Consumer;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.springframework.stereotype.Component;

/**
 * Tells every server process that a team's settings or webhook secret changed, through {@link ClusterNotices}
 * (inside the changing transaction, so it arrives once that commits; this process hears it at the commit itself). What keeps a team's settings in memory
 * listens and forgets them.
 */
@Component
public class TeamChanges {

    private static final String TOPIC = "team";

    private final ClusterNotices notices;

    public TeamChanges(ClusterNotices notices) {
        this.notices = notices;
    }

    void changed(UUID teamId) {
        notices.publishAndApplyHere(TOPIC, teamId.toString());
    }

    /** {@code forget} gets the team of each change; {@code forgetAll} runs after a gap in the notices. */
    public void listen(Consumer<UUID> forget, Runnable forgetAll) {
        notices.subscribe(TOPIC, NoticeListener.of(payload -> forget.accept(UUID.fromString(payload)), forgetAll));
    }
}
