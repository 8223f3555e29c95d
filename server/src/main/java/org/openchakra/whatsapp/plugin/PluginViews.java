package org.openchakra.whatsapp.plugin;

import static org.openchakra.web.TimeValues.millis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A plugin as the API shows it: never its token, app secret or verify token. */
@Component
public class PluginViews {

    private final SandboxGraph sandbox;

    public PluginViews(SandboxGraph sandbox) {
        this.sandbox = sandbox;
    }

    public Map<String, Object> view(WhatsappPlugin p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", p.id());
        v.put("team", p.teamId());
        v.put("name", p.name());
        v.put("isActive", p.active());
        v.put("mode", p.mode().name());
        v.put("graphBaseUrl", p.sandbox() && p.active() ? sandbox.baseUrl() : p.graphBaseUrl());
        v.put("defaultApiVersion", p.defaultApiVersion());
        v.put("wabas", wabas(p));
        v.put("config", p.config());
        v.put("lastSyncedAt", millis(p.lastSyncedAt()));
        v.put("createdAt", millis(p.createdAt()));
        v.put("updatedAt", millis(p.updatedAt()));
        return v;
    }

    public static List<Map<String, Object>> wabas(WhatsappPlugin p) {
        return p.wabas().stream()
                .map(w -> {
                    Map<String, Object> waba = new LinkedHashMap<>();
                    waba.put("id", w.id());
                    waba.put("name", w.name());
                    waba.put(
                            "phoneNumbers",
                            w.phoneNumbers().stream().map(PluginViews::number).toList());
                    return waba;
                })
                .toList();
    }

    private static Map<String, Object> number(WhatsappPlugin.PhoneNumber n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", n.id());
        v.put("displayPhoneNumber", n.displayPhoneNumber());
        v.put("verifiedName", n.verifiedName());
        v.put("qualityRating", n.qualityRating());
        v.put("messagingLimitTier", n.messagingLimitTier());
        v.put("throughputMps", n.throughputMps());
        v.put("isCoexistence", n.coexistence());
        return v;
    }
}
