package org.openchakra.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns, their recipients and the public pair (campaigns.md §1-§2) as the OpenAPI document shows them
 * ({@code ApiOperation}): {@link CampaignService}, {@link CampaignSteps} and {@link RecipientImports} read the
 * bodies, {@link CampaignViews} writes the answers.
 */
final class CampaignSchemas {

    private CampaignSchemas() {}

    private static final String KINDS = "BROADCAST: one template to a list; DRIP: a sequence of templates.";

    record NewCampaign(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"BROADCAST", "DRIP"},
                    description = KINDS)
            String kind,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The WhatsApp plugin that sends it.")
            UUID pluginId,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The sender number, one of the plugin's.")
            String whatsappPhoneNumberId,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "A BROADCAST has exactly one step.")
            List<StepBody> steps,

            @Schema(description = "When it starts (epoch ms or ISO-8601); with start true, it is SCHEDULED.")
            Long startAt,

            @Schema(description = "Start it now (RUNNING), or at startAt (SCHEDULED); otherwise it stays a DRAFT.")
            Boolean start,

            @Schema(description = "DRIP: an inbound message stops the customer's enrollment (default true).")
            Boolean stopOnReply,

            @Schema(description = "A cap on this campaign's sends per second; default 80 % of the number's.")
            Integer throughputMps) {}

    @Schema(description = "Steps and startAt change only while DRAFT or SCHEDULED.")
    record CampaignChange(
            String name, List<StepBody> steps, Long startAt, Integer throughputMps, Boolean stopOnReply) {}

    @Schema(
            name = "CampaignStepBody",
            description = "A template send (whatsapp.md §3) without the sender, plus delayMinutes. A mapping value may"
                    + " name a field of the recipient's lead ({{process.data.<attribute>}}) or a column of its row"
                    + " ({{row.<column>}}).")
    record StepBody(
            @Schema(requiredMode = RequiredMode.REQUIRED) String templateName,
            String language,
            String languageCode,
            List<MappingBody> mapping,
            List<MappingBody> headerMapping,
            List<MappingBody> buttonMapping,
            String imageUrl,
            String videoUrl,
            String documentUrl,
            String filename,
            Double locationLatitude,
            Double locationLongitude,
            String locationName,
            String locationAddress,
            String otpCode,

            @Schema(description = "DRIP: minutes after enrollment (first step) or after the previous step.")
            Integer delayMinutes) {}

    @Schema(name = "CampaignMappingType", description = "A MappingType of a step (whatsapp.md §3).")
    record MappingBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The variable: \"1\" for {{1}}, or its name.")
            String schemaPropertyName,

            @Schema(description = "May reference the lead ({{process.data.<attr>}}) or the row ({{row.<column>}}).")
            String schemaPropertyValue) {}

    @Schema(name = "Campaign")
    record CampaignAnswer(
            UUID id,
            UUID team,
            String name,
            @Schema(allowableValues = {"BROADCAST", "DRIP"}) String kind,
            UUID pluginId,
            String whatsappPhoneNumberId,

            @Schema(allowableValues = {"DRAFT", "SCHEDULED", "RUNNING", "PAUSED", "COMPLETED", "CANCELLED"})
            String status,

            @Schema(description = "Why the runner paused it on its own (a template disabled, the plugin gone).")
            @Nullable
            String statusMessage,

            @Nullable Long startAt,
            List<StepAnswer> steps,
            boolean stopOnReply,
            @Nullable Integer throughputMps,
            Counts counts,
            ErrorBreakdown errorBreakdown,
            long createdAt,
            long updatedAt,
            @Nullable Long startedAt,
            @Nullable Long completedAt) {}

    @Schema(name = "CampaignStep", description = "A step as stored: the fields given, and delayMinutes.")
    record StepAnswer(
            String templateName,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String language,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String languageCode,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            List<StepMapping> mapping,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            List<StepMapping> headerMapping,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            List<StepMapping> buttonMapping,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String imageUrl,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String videoUrl,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String documentUrl,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String filename,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            Double locationLatitude,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            Double locationLongitude,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String locationName,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String locationAddress,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String otpCode,

            int delayMinutes) {}

    @Schema(name = "CampaignStepMapping", description = "A MappingType as a step keeps it.")
    record StepMapping(String schemaPropertyName, @Nullable String schemaPropertyValue) {}

    @Schema(
            name = "CampaignCounts",
            description = "Recipients by status, and by the delivery status of their latest step (sent, delivered,"
                    + " read; failed also counts FAILED recipients).")
    record Counts(
            long total,
            long pending,
            long active,
            long sent,
            long delivered,
            long read,
            long failed,
            long skipped,
            long stopped,
            long completed,
            long removed) {}

    @Schema(name = "CampaignErrorBreakdown")
    record ErrorBreakdown(
            @Schema(description = "Sends OpenChakra or Meta refused (or whose outcome stayed unknown).")
            List<ErrorCount> attempt,

            @Schema(description = "Messages Meta accepted, then reported failed (131026, 131049, ...).")
            List<ErrorCount> delivery) {}

    @Schema(name = "CampaignErrorCount")
    record ErrorCount(@Nullable Integer code, @Nullable String message, long count) {}

    record HasMore(boolean hasMore) {}

    @Schema(
            name = "CampaignRecipientList",
            description = "Either recipients (a list), or a process query (procedure and where): every matching"
                    + " process with a phone, at the time of the call. The same list may come as text/csv: a header"
                    + " row with a phoneNumber column, the other columns becoming each row.")
    record RecipientList(
            @Schema(description = "Up to 1 000 000 in all per campaign.")
            List<NewRecipient> recipients,

            @Schema(description = "A procedure's shortId (or id).")
            String procedure,

            @Schema(description = "A list query (platform.md §4); none: every process.")
            Map<String, Object> where) {}

    @Schema(name = "CampaignNewRecipient")
    record NewRecipient(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Any format; digits with country code.")
            String phoneNumber,

            @Schema(description = "Values the steps may use as {{row.<column>}}.")
            Map<String, Object> row) {}

    @Schema(name = "CampaignRecipientsAdded")
    record RecipientsAdded(
            @Schema(description = "Null while a background job adds a big list (its result says).") @Nullable
            Integer added,

            @Schema(description = "Numbers a background job is adding.")
            int queued,

            int duplicates,
            int invalid,
            @Nullable UUID backgroundJobId) {}

    @Schema(name = "CampaignRecipient", description = "A recipient (an enrollment, for DRIP).")
    record RecipientAnswer(
            UUID id,
            UUID campaign,
            String phoneNumber,

            @Schema(description = "The recipient's lead.") @Nullable
            UUID lead,

            @Schema(description = "The process it came from, for a query of another procedure.") @Nullable
            UUID process,

            @Nullable Map<String, Object> row,

            @Schema(allowableValues = {"PENDING", "ACTIVE", "COMPLETED", "STOPPED", "REMOVED", "SKIPPED", "FAILED"})
            String status,

            @Schema(description = "REPLIED, OPTED_OUT, CANCELLED, META_ERROR, MAPPING, UNKNOWN_OUTCOME, NO_LEAD")
            @Nullable
            String reason,

            int nextStepIndex,
            @Nullable Long nextStepAt,
            @Nullable StepTaken lastStep,
            List<StepTaken> history,
            long createdAt,
            long updatedAt) {}

    @Schema(name = "CampaignStepTaken")
    record StepTaken(
            int index,
            @Nullable Long at,
            @Nullable UUID chatMessageId,
            @Nullable String externalId,

            @Schema(allowableValues = {"SENDING", "SENT", "RETRYING", "FAILED", "UNKNOWN"})
            String status,

            @Schema(description = "The message's: PENDING, SENT, DELIVERED, READ or FAILED; null without one.")
            @Nullable
            String deliveryStatus,

            @Nullable Integer errorCode,
            @Nullable String errorMessage) {}

    @Schema(name = "CampaignRecipientPage")
    record RecipientPage(long total, boolean hasMore) {}

    @Schema(name = "CampaignEnrollment")
    record Enrollment(
            @Schema(description = "Values the steps may use as {{row.<column>}}.")
            Map<String, Object> row) {}
}
