package org.openchakra.campaign;

import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * ChakraHQ's public pair (campaigns.md §2): add a phone number to a campaign (a drip enrollment, or a broadcast
 * that has not completed) and remove it. The number takes any format README §5 accepts.
 */
@RestController
class CampaignEnrollController {

    private final RecipientImports imports;

    CampaignEnrollController(RecipientImports imports) {
        this.imports = imports;
    }

    /** Answers the recipient; a number already in is answered as it is (200), never enrolled twice. */
    @PostMapping("/v1/ext/campaign/{campaignId}/phoneNumber/{phoneNumber}")
    @RequiresPrivilege(Privileges.CAMPAIGN_ENROLL)
    @ApiOperation(
            id = "addPhoneNumberToCampaign",
            summary = "Add a phone number to a campaign (a no-op when it is in)",
            body = CampaignSchemas.Enrollment.class,
            data = CampaignSchemas.RecipientAnswer.class)
    public ApiResponse add(
            Caller caller,
            @PathVariable UUID campaignId,
            @PathVariable String phoneNumber,
            @RequestBody(required = false) JsonNode body) {
        return ApiResponse.ok(CampaignViews.recipient(imports.enroll(caller.teamId(), campaignId, phoneNumber, body)));
    }

    /** REMOVED: no further step is sent. Unknown campaign or number: 404. */
    @DeleteMapping("/v1/ext/campaign/{campaignId}/phoneNumber/{phoneNumber}")
    @RequiresPrivilege(Privileges.CAMPAIGN_ENROLL)
    @ApiOperation(
            id = "removePhoneNumberFromCampaign",
            summary = "Remove a phone number from a campaign",
            data = CampaignSchemas.RecipientAnswer.class)
    public ApiResponse remove(Caller caller, @PathVariable UUID campaignId, @PathVariable String phoneNumber) {
        return ApiResponse.ok(CampaignViews.recipient(imports.remove(caller.teamId(), campaignId, phoneNumber)));
    }
}
