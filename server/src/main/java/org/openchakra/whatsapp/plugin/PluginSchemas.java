package org.openchakra.whatsapp.plugin;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * WhatsApp plugins (whatsapp.md §1, §10) as the OpenAPI document shows them ({@code ApiOperation}):
 * {@link PluginAdminController}, {@link PluginWabas} and {@link PluginConfig} read the bodies,
 * {@link PluginViews} writes the plugin. Secrets go in and never come out.
 */
public final class PluginSchemas {

    private PluginSchemas() {}

    private static final String SECRET = "Write-only, kept encrypted; printable ASCII without spaces.";

    @Schema(name = "WhatsappPlugin")
    public record PluginAnswer(
            UUID id,
            UUID team,
            String name,
            boolean isActive,

            @Schema(allowableValues = {"CLOUD_API", "SANDBOX"})
            String mode,

            String graphBaseUrl,
            @Schema(example = "v23.0") String defaultApiVersion,
            List<Waba> wabas,
            WebhookSettings config,
            @Nullable Long lastSyncedAt,
            long createdAt,
            long updatedAt) {}

    public record Waba(String id, @Nullable String name, List<PhoneNumber> phoneNumbers) {}

    public record PhoneNumber(
            @Schema(description = "Meta's phone-number id (whatsappPhoneNumberId).")
            String id,

            @Nullable String displayPhoneNumber,
            @Nullable String verifiedName,
            @Nullable String qualityRating,
            @Nullable String messagingLimitTier,

            @Schema(description = "Messages a second this number may send.")
            int throughputMps,

            boolean isCoexistence) {}

    @Schema(description = "Where and what the plugin forwards (webhooks.md §2).")
    public record WebhookSettings(
            @Nullable String passThroughWebhookUrl,
            boolean enableMessageEchoesForPassThroughWebhook,
            boolean enableSendMessageTemplateEventForPassThroughWebhook,
            boolean enableChakraWebhook,
            @Nullable String chakraWebhookUrl,

            @Schema(description = "Of message, status, message_echo, smb_message_echo, deliveryStatus.")
            List<String> whichChakraWebhookEventsToSend) {}

    @Schema(description = "A partial change of the webhook settings; an empty URL or null clears it.")
    record WebhookSettingsChange(
            String passThroughWebhookUrl,
            Boolean enableMessageEchoesForPassThroughWebhook,
            Boolean enableSendMessageTemplateEventForPassThroughWebhook,
            Boolean enableChakraWebhook,
            String chakraWebhookUrl,
            List<String> whichChakraWebhookEventsToSend) {}

    @Schema(description = "The plugin's settings as ChakraHQ clients read them: never tokens or secrets.")
    record PluginSettings(
            UUID pluginId,
            boolean isActive,

            @Schema(allowableValues = {"CLOUD_API", "SANDBOX"})
            String mode,

            List<Waba> wabas,
            @Nullable String passThroughWebhookUrl,
            boolean enableMessageEchoesForPassThroughWebhook,
            boolean enableSendMessageTemplateEventForPassThroughWebhook,
            boolean enableChakraWebhook,
            @Nullable String chakraWebhookUrl,
            List<String> whichChakraWebhookEventsToSend) {}

    record NewPlugin(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,

            @Schema(
                    allowableValues = {"CLOUD_API", "SANDBOX"},
                    description = "Default CLOUD_API.")
            String mode,

            @Schema(description = "Default https://graph.facebook.com; not for SANDBOX.")
            String graphBaseUrl,

            @Schema(example = "v23.0") String defaultApiVersion,

            @Schema(description = "Meta's system-user token; required for CLOUD_API. " + SECRET)
            String accessToken,

            @Schema(description = "Verifies Meta's webhook signatures; required for CLOUD_API. " + SECRET)
            String appSecret,

            @Schema(description = "Meta's webhook verify token. " + SECRET)
            String verifyToken,

            @Schema(description = "Not for SANDBOX: the simulator makes its own.")
            List<NewWaba> wabas,

            WebhookSettingsChange config) {}

    @Schema(description = "A partial change; wabas given replace the list.")
    record PluginChange(
            String name,
            String graphBaseUrl,
            String defaultApiVersion,
            @Schema(description = SECRET) String accessToken,
            @Schema(description = SECRET) String appSecret,
            @Schema(description = SECRET) String verifyToken,
            List<NewWaba> wabas,
            WebhookSettingsChange config) {}

    record NewWaba(
            @Schema(requiredMode = RequiredMode.REQUIRED) String id, String name, List<NewPhoneNumber> phoneNumbers) {}

    record NewPhoneNumber(
            @Schema(requiredMode = RequiredMode.REQUIRED) String id,
            String displayPhoneNumber,
            String verifiedName,
            String qualityRating,
            String messagingLimitTier,

            @Schema(description = "Default 80 (20 for coexistence numbers).")
            Integer throughputMps,

            Boolean isCoexistence) {}
}
