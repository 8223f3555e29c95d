package org.openchakra.whatsapp.group;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The groups each plugin's numbers run (whatsapp.md §7), so that a call naming only a group id finds its
 * plugin. Learnt from Meta's {@code group_lifecycle_update} webhooks and from group listings.
 */
@Repository
public class WhatsappGroups {

    /** Meta's ids are opaque text; anything longer is no id of Meta's and is not kept. */
    static final int MAX_ID_LENGTH = 256;

    private final JdbcClient jdbc;

    public WhatsappGroups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Remembers (or moves, when a number changed plugins) a group of a plugin's number. */
    public void remember(UUID teamId, UUID pluginId, String groupId, String phoneNumberId) {
        if (groupId == null
                || groupId.isBlank()
                || groupId.length() > MAX_ID_LENGTH
                || groupId.indexOf('\0') >= 0
                || phoneNumberId == null) {
            return;
        }
        jdbc.sql("INSERT INTO whatsapp_group (team_id, plugin_id, group_id, phone_number_id)"
                        + " VALUES (:team, :plugin, :group, :pnid) ON CONFLICT (team_id, group_id) DO UPDATE"
                        + " SET plugin_id = EXCLUDED.plugin_id, phone_number_id = EXCLUDED.phone_number_id,"
                        + " updated_at = now()")
                .param("team", teamId)
                .param("plugin", pluginId)
                .param("group", groupId)
                .param("pnid", phoneNumberId)
                .update();
    }

    /** The plugin a group of the team belongs to. */
    public Optional<UUID> pluginOf(UUID teamId, String groupId) {
        if (groupId.length() > MAX_ID_LENGTH || groupId.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT plugin_id FROM whatsapp_group WHERE team_id = :team AND group_id = :group")
                .param("team", teamId)
                .param("group", groupId)
                .query(UUID.class)
                .optional();
    }
}
