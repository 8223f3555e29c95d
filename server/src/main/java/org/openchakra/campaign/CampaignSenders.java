package org.openchakra.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.common.ExpiringCache;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.templatemessage.PreparedTemplate;
import org.openchakra.whatsapp.templatemessage.TemplateMessageService;
import org.springframework.stereotype.Component;

/**
 * What a campaign sends with: its plugin, sender number and each step's template, resolved and checked as a
 * template send would (plugin active, template approved). Kept a few seconds per campaign: a runner asks for
 * it before every batch. A plugin or template that went away makes the runner pause the campaign.
 */
@Component
class CampaignSenders {

    private static final Duration TTL = Duration.ofSeconds(5);

    /** A campaign's plugin, number and prepared steps (index = step index). */
    record Sender(PluginDirectory.Resolved plugin, WhatsappPlugin.PhoneNumber from, List<PreparedTemplate> steps) {}

    private record Key(UUID campaignId, Instant updatedAt) {}

    private final TemplateMessageService templates;
    private final ExpiringCache<Key, Sender> cache = new ExpiringCache<>(TTL, 10_000);

    CampaignSenders(TemplateMessageService templates) {
        this.templates = templates;
    }

    /** Throws the template send's 400/404 when a step cannot be sent. */
    Sender of(Campaign campaign) {
        return cache.get(new Key(campaign.id(), campaign.updatedAt()), key -> resolve(campaign));
    }

    private Sender resolve(Campaign campaign) {
        List<PreparedTemplate> steps = new ArrayList<>();
        for (Campaign.Step step : campaign.steps()) {
            steps.add(
                    templates.prepare(campaign.teamId(), campaign.pluginId(), step.sendBody(campaign.phoneNumberId())));
        }
        PreparedTemplate first = steps.getFirst();
        return new Sender(first.plugin(), first.from(), List.copyOf(steps));
    }
}
