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
import org.openchakra.whatsapp.template.MetaTemplates;
import org.openchakra.whatsapp.template.TemplateCache;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/admin/plugins/whatsapp/{id}/sync}: reads each WABA's phone numbers and templates from
 * Meta and makes the plugin and the template cache say the same. Meta is read first, outside any
 * transaction; the local change is then one transaction, so a failed read changes nothing.
 */
@Service
public class PluginSync {

    private static final String NUMBER_FIELDS = "id,display_phone_number,verified_name,quality_rating,throughput,"
            + "whatsapp_business_manager_messaging_limit,messaging_limit_tier,is_on_biz_app,platform_type";

    private final PluginDirectory directory;
    private final PluginRepository plugins;
    private final PluginService service;
    private final TemplateCache templates;
    private final MetaTemplates metaTemplates;
    private final MetaClient meta;
    private final TransactionTemplate tx;

    public PluginSync(
            PluginDirectory directory,
            PluginRepository plugins,
            PluginService service,
            TemplateCache templates,
            MetaTemplates metaTemplates,
            MetaClient meta,
            TransactionTemplate tx) {
        this.directory = directory;
        this.plugins = plugins;
        this.service = service;
        this.templates = templates;
        this.metaTemplates = metaTemplates;
        this.meta = meta;
        this.tx = tx;
    }

    public record Result(WhatsappPlugin plugin, int phoneNumbers, int templates) {}

    private record WabaState(WhatsappPlugin.Waba waba, List<JsonNode> templates) {}

    public Result sync(UUID teamId, UUID pluginId) {
        PluginDirectory.Resolved resolved = directory.active(teamId, pluginId);
        WhatsappPlugin plugin = resolved.plugin();
        List<WabaState> states = new ArrayList<>();
        for (WhatsappPlugin.Waba waba : plugin.wabas()) {
            states.add(new WabaState(
                    readNumbers(resolved, waba), metaTemplates.all(resolved.target(), version(resolved), waba.id())));
        }
        int numbers =
                states.stream().mapToInt(s -> s.waba().phoneNumbers().size()).sum();
        int templateCount = states.stream().mapToInt(s -> s.templates().size()).sum();
        tx.executeWithoutResult(status -> {
            if (!plugin.sandbox()) {
                service.update(
                        teamId,
                        pluginId,
                        new PluginService.Change(
                                null,
                                null,
                                null,
                                null,
                                states.stream().map(WabaState::waba).toList(),
                                null));
            }
            for (WabaState state : states) {
                templates.replaceAll(teamId, state.waba().id(), state.templates());
            }
            plugins.markSynced(teamId, pluginId);
        });
        directory.forget(teamId, pluginId);
        return new Result(plugins.find(teamId, pluginId).orElseThrow(), numbers, templateCount);
    }

    private WhatsappPlugin.Waba readNumbers(PluginDirectory.Resolved resolved, WhatsappPlugin.Waba waba) {
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
