package org.openchakra.whatsapp.plugin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * A plugin's side of {@code POST /v1/admin/plugins/whatsapp/{id}/sync} (run by {@code whatsapp.template},
 * which syncs the templates in the same transaction): reads each WABA's phone numbers from Meta, and
 * records what was read.
 */
@Service
public class PluginSync {

    private static final String NUMBER_FIELDS = "id,display_phone_number,verified_name,quality_rating,throughput,"
            + "whatsapp_business_manager_messaging_limit,messaging_limit_tier,is_on_biz_app,platform_type";

    private final PluginRepository plugins;
    private final PluginService service;
    private final MetaClient meta;

    PluginSync(PluginRepository plugins, PluginService service, MetaClient meta) {
        this.plugins = plugins;
        this.service = service;
        this.meta = meta;
    }

    /**
     * Records, in the caller's transaction, the WABAs and numbers read from Meta (a sandbox plugin's stay as
     * the simulator was given them) and the time of the sync.
     */
    public void record(UUID teamId, UUID pluginId, WhatsappPlugin plugin, List<WhatsappPlugin.Waba> wabas) {
        if (!plugin.sandbox()) {
            service.update(teamId, pluginId, new PluginService.Change(null, null, null, null, wabas, null));
        }
        plugins.markSynced(teamId, pluginId);
    }

    /** A WABA of an active plugin with its numbers as Meta lists them now. */
    public WhatsappPlugin.Waba readNumbers(PluginDirectory.Resolved resolved, WhatsappPlugin.Waba waba) {
        return readNumbers(resolved.target(), version(resolved), waba);
    }

    /**
     * The WABA's numbers as Meta lists them, read as whom {@code target} says (credentials not stored yet,
     * as when a partner's client connects); {@code waba}'s known numbers fill what Meta leaves out.
     * Meta's refusal: {@link MetaUpstreamException}.
     */
    public WhatsappPlugin.Waba readNumbers(MetaTarget target, String version, WhatsappPlugin.Waba waba) {
        MetaReply reply = meta.get(
                target,
                version + "/" + waba.id() + "/phone_numbers?fields="
                        + URLEncoder.encode(NUMBER_FIELDS, StandardCharsets.UTF_8) + "&limit=100");
        JsonNode data = reply.dataList("the phone-number listing of WABA " + waba.id());
        List<WhatsappPlugin.PhoneNumber> numbers = new ArrayList<>();
        for (JsonNode n : data.values()) {
            String id = n.path("id").asString("");
            if (id.isEmpty()) {
                continue;
            }
            WhatsappPlugin.PhoneNumber known = waba.phoneNumbers().stream()
                    .filter(p -> p.id().equals(id))
                    .findFirst()
                    .orElse(null);
            boolean coexistence = n.path("is_on_biz_app").asBoolean(known != null && known.coexistence());
            int mps = "HIGH".equals(n.path("throughput").path("level").asString(""))
                    ? 1000
                    : coexistence ? 20 : known != null ? known.throughputMps() : 80;
            String tier = n.path("whatsapp_business_manager_messaging_limit")
                    .asString(n.path("messaging_limit_tier")
                            .asString(known == null ? "" : nullToEmpty(known.messagingLimitTier())));
            numbers.add(new WhatsappPlugin.PhoneNumber(
                    id,
                    waba.id(),
                    text(n, "display_phone_number"),
                    text(n, "verified_name"),
                    text(n, "quality_rating"),
                    tier.isEmpty() ? null : tier,
                    mps,
                    coexistence));
        }
        return new WhatsappPlugin.Waba(waba.id(), waba.name(), List.copyOf(numbers));
    }

    private static String version(PluginDirectory.Resolved resolved) {
        return resolved.plugin().defaultApiVersion();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
