package org.openchakra.app.campaigns;

import java.time.Instant;
import java.util.UUID;
import org.openchakra.campaign.Campaign;
import org.openchakra.campaign.CampaignService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Start now" or "start at": the page's one action is the API's two calls (set {@code startAt}, then start) in
 * one transaction, so that a start refused by its checks leaves the campaign as it was.
 */
@Component
class CampaignStarts {

    private final CampaignService campaigns;

    CampaignStarts(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @Transactional
    Campaign start(UUID teamId, UUID id, Instant at) {
        Campaign current = campaigns.get(teamId, id);
        if (current.startAt() != null || at != null) {
            ObjectNode change = JsonNodeFactory.instance.objectNode();
            if (at == null) {
                change.putNull("startAt");
            } else {
                change.put("startAt", at.toEpochMilli());
            }
            campaigns.update(teamId, id, change);
        }
        return campaigns.start(teamId, id);
    }
}
