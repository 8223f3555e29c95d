package org.openchakra.apikey;

import java.util.UUID;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.springframework.stereotype.Component;

/**
 * Tells every server process that a team's key was deleted or a token revoked, through {@link ClusterNotices}
 * (inside the changing transaction, so it arrives once that commits; this process forgets at the commit itself): {@link TokenAuthenticator} forgets the
 * callers it keeps.
 */
@Component
class ApiKeyChanges {

    private static final String TOPIC = "apikey";

    private final ClusterNotices notices;

    ApiKeyChanges(ClusterNotices notices) {
        this.notices = notices;
    }

    void changed(UUID teamId) {
        notices.publishAndApplyHere(TOPIC, teamId.toString());
    }

    void listen(Runnable forgetAll) {
        notices.subscribe(TOPIC, NoticeListener.of(team -> forgetAll.run(), forgetAll));
    }
}
