package org.openchakra.whatsapp.plugin;

import java.util.UUID;
import java.util.function.BiConsumer;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.springframework.stereotype.Component;

/**
 * Tells every server process that a plugin changed (its settings, credentials, numbers, whether it is
 * active), through {@link ClusterNotices}: sent in the changing transaction, so it arrives once that commits,
 * a few milliseconds later. What keeps plugins in memory listens and forgets them.
 */
@Component
public class PluginChanges {

    static final String TOPIC = "whatsapp.plugin";

    private final ClusterNotices notices;

    public PluginChanges(ClusterNotices notices) {
        this.notices = notices;
    }

    void changed(UUID teamId, UUID pluginId) {
        notices.publish(TOPIC, teamId + " " + pluginId);
    }

    /** {@code forget} gets the team and plugin of each change; {@code forgetAll} runs after a gap in the notices. */
    public void listen(BiConsumer<UUID, UUID> forget, Runnable forgetAll) {
        notices.subscribe(
                TOPIC,
                NoticeListener.of(
                        payload -> {
                            int space = payload.indexOf(' ');
                            forget.accept(
                                    UUID.fromString(payload.substring(0, space)),
                                    UUID.fromString(payload.substring(space + 1)));
                        },
                        forgetAll));
    }
}
