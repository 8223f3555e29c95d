package org.openchakra.metasim;

import tools.jackson.databind.node.ObjectNode;

/** Default calling settings of a number (spec 10.2): calling is off until enabled. */
final class CallingSettings {

    private CallingSettings() {}

    static ObjectNode defaults() {
        ObjectNode settings = Json.object();
        ObjectNode calling = settings.putObject("calling");
        calling.put("status", "DISABLED");
        calling.put("call_icon_visibility", "DEFAULT");
        calling.putObject("call_hours").put("status", "DISABLED");
        calling.put("callback_permission_status", "DISABLED");
        ObjectNode sip = calling.putObject("sip");
        sip.put("status", "DISABLED");
        sip.putArray("servers");
        calling.putObject("video").put("status", "DISABLED");
        settings.putObject("payload_encryption").put("status", "DISABLED");
        settings.putObject("storage_configuration").put("status", "DEFAULT");
        return settings;
    }
}
