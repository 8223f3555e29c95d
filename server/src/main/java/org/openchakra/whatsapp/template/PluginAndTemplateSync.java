package org.openchakra.whatsapp.template;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.PluginSync;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/admin/plugins/whatsapp/{id}/sync}: reads each WABA's phone numbers and templates from
 * Meta and makes the plugin and the template cache say the same. Meta is read first, outside any
 * transaction; the local change is then one transaction, so a failed read changes nothing. Here rather
 * than in {@code whatsapp.plugin} because templates build on plugins, not the other way round.
 */
@Service
class PluginAndTemplateSync {

    private final PluginDirectory directory;
    private final PluginService plugins;
    private final PluginSync pluginSync;
    private final TemplateCache templates;
    private final MetaTemplates metaTemplates;
    private final TransactionTemplate tx;

    PluginAndTemplateSync(
            PluginDirectory directory,
            PluginService plugins,
            PluginSync pluginSync,
            TemplateCache templates,
            MetaTemplates metaTemplates,
            TransactionTemplate tx) {
        this.directory = directory;
        this.plugins = plugins;
        this.pluginSync = pluginSync;
        this.templates = templates;
        this.metaTemplates = metaTemplates;
        this.tx = tx;
    }

    record Result(WhatsappPlugin plugin, int phoneNumbers, int templates) {}

    private record WabaState(WhatsappPlugin.Waba waba, List<JsonNode> templates) {}

    Result sync(UUID teamId, UUID pluginId) {
        PluginDirectory.Resolved resolved = directory.active(teamId, pluginId);
        WhatsappPlugin plugin = resolved.plugin();
        String version = plugin.defaultApiVersion();
        List<WabaState> states = new ArrayList<>();
        for (WhatsappPlugin.Waba waba : plugin.wabas()) {
            states.add(new WabaState(
                    pluginSync.readNumbers(resolved, waba), metaTemplates.all(resolved.target(), version, waba.id())));
        }
        int numbers =
                states.stream().mapToInt(s -> s.waba().phoneNumbers().size()).sum();
        int templateCount = states.stream().mapToInt(s -> s.templates().size()).sum();
        tx.executeWithoutResult(status -> {
            pluginSync.record(
                    teamId,
                    pluginId,
                    plugin,
                    states.stream().map(WabaState::waba).toList());
            for (WabaState state : states) {
                templates.replaceAll(teamId, state.waba().id(), state.templates());
            }
        });
        directory.forget(teamId, pluginId);
        return new Result(plugins.find(teamId, pluginId).orElseThrow(), numbers, templateCount);
    }
}
