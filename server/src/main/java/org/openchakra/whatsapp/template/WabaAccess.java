package org.openchakra.whatsapp.template;

import java.util.UUID;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.plugin.PluginDirectory;

/** A WABA of an active plugin of the caller's team, with where and as whom to reach Meta for it. */
public record WabaAccess(PluginDirectory.Resolved plugin, String wabaId) {

    public UUID teamId() {
        return plugin.plugin().teamId();
    }

    public MetaTarget target() {
        return plugin.target();
    }

    /** The plugin's Graph API version: what OpenChakra's own calls (refreshes, syncs) use. */
    public String version() {
        return plugin.plugin().defaultApiVersion();
    }
}
