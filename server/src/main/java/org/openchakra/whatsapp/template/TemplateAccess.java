package org.openchakra.whatsapp.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which WABA a template call is about, when its path names no plugin (whatsapp.md §4): the WABA (or the
 * template's WABA) must belong to an active plugin of the caller's team, else 404, whoever owns it.
 */
@Component
class TemplateAccess {

    private static final Logger log = LoggerFactory.getLogger(TemplateAccess.class);
    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");

    /** A template id and the WABA it belongs to. */
    public record TemplateRef(WabaAccess waba, String templateId) {}

    private final PluginService plugins;
    private final PluginDirectory directory;
    private final TemplateCache cache;
    private final TemplateRefresher refresher;

    public TemplateAccess(
            PluginService plugins, PluginDirectory directory, TemplateCache cache, TemplateRefresher refresher) {
        this.plugins = plugins;
        this.directory = directory;
        this.cache = cache;
        this.refresher = refresher;
    }

    public WabaAccess waba(UUID teamId, String wabaId) {
        return owned(teamId, wabaId)
                .orElseThrow(() -> ApiException.notFound(
                        "WABA " + wabaId + " is not a WABA of an active WhatsApp plugin of this team"));
    }

    /**
     * The template's WABA, from the cache. A template the cache does not know (made in Meta's own tools,
     * or since the last sync) is looked for by re-reading the team's WABAs from Meta, each at most once
     * per {@link TemplateRefresher#MISS_SPACING}.
     */
    public TemplateRef template(UUID teamId, String templateId) {
        if (!META_ID.matcher(templateId).matches()) {
            throw notFound(templateId);
        }
        Optional<WabaAccess> waba = cached(teamId, templateId);
        if (waba.isPresent()) {
            return new TemplateRef(waba.get(), templateId);
        }
        RuntimeException failure = null;
        for (WabaAccess candidate : activeWabas(teamId)) {
            try {
                refresher.refreshWabaAfterMiss(candidate);
            } catch (RuntimeException e) {
                log.warn("Template refresh of WABA {} failed: {}", candidate.wabaId(), e.getMessage());
                failure = failure == null ? e : failure;
            }
        }
        waba = cached(teamId, templateId);
        if (waba.isPresent()) {
            return new TemplateRef(waba.get(), templateId);
        }
        // Not found, but a WABA could not be read: its refusal says more than a 404 would.
        throw failure != null ? failure : notFound(templateId);
    }

    private Optional<WabaAccess> cached(UUID teamId, String templateId) {
        return cache.wabaOf(teamId, templateId).flatMap(wabaId -> owned(teamId, wabaId));
    }

    private Optional<WabaAccess> owned(UUID teamId, String wabaId) {
        if (!META_ID.matcher(wabaId).matches()) {
            return Optional.empty();
        }
        return plugins.findActiveByWaba(wabaId)
                .filter(p -> p.teamId().equals(teamId))
                .map(p -> new WabaAccess(directory.active(teamId, p.id()), wabaId));
    }

    private List<WabaAccess> activeWabas(UUID teamId) {
        List<WabaAccess> wabas = new ArrayList<>();
        for (WhatsappPlugin plugin : plugins.list(teamId)) {
            if (!plugin.active()) {
                continue;
            }
            PluginDirectory.Resolved resolved = directory.active(teamId, plugin.id());
            plugin.wabas().forEach(w -> wabas.add(new WabaAccess(resolved, w.id())));
        }
        return wabas;
    }

    private static ApiException notFound(String templateId) {
        return ApiException.notFound("Template " + templateId + " is not a template of a WABA of this team");
    }
}
