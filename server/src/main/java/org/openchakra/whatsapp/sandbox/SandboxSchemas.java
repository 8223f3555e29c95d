package org.openchakra.whatsapp.sandbox;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Sandbox mode (whatsapp.md §9) as the OpenAPI document shows it. */
final class SandboxSchemas {

    private SandboxSchemas() {}

    @Schema(
            description = "A simulated customer's message: text by default; another type carries the object named"
                    + " after it (image, location, interactive, ...) as Meta's webhook would.",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record SimulatedInbound(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "919876543210")
            String from,

            @Schema(description = "The customer's profile name.")
            String name,

            @Schema(description = "Default text.") String type,

            @Schema(description = "A string, or Meta's {body}.")
            Object text,

            @Schema(description = "The number written to; default the plugin's first.")
            String whatsappPhoneNumberId,

            @Schema(
                    description = "For a media type (image, video, audio, document, sticker): the file's bytes in"
                            + " base64; default a small made-up sample.")
            String mediaBase64) {}

    record InboundSent(
            @Schema(description = "The wamid of the simulated message.")
            String messageId,

            String whatsappPhoneNumberId) {}

    @Schema(description = "What the simulated Meta received.")
    record OutboxEntry(
            @Schema(description = "The wamid the simulator gave the message.")
            String id,

            String phoneNumberId,
            String to,
            @Nullable String waId,
            @Nullable String type,
            String apiVersion,
            long receivedAt,

            @Schema(description = "The request body as received.")
            Map<String, Object> request) {}

    record CallPermission(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "919876543210", description = "The customer.")
            String userWaId,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"granted", "denied"})
            String status,

            @Schema(description = "The business number; default the plugin's first.")
            String whatsappPhoneNumberId) {}

    record CallPermissionSet(
            @Schema(description = "The customer, digits only.")
            String userWaId,

            @Schema(allowableValues = {"granted", "denied"}) String status,

            String whatsappPhoneNumberId) {}

    record SimulatedCall(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    example = "919876543210",
                    description = "The calling customer.")
            String from,

            @Schema(description = "The customer's SDP offer; a minimal one when none is given.")
            String sdpOffer,

            @Schema(description = "The number called; default the plugin's first.")
            String whatsappPhoneNumberId) {}

    record CallStarted(
            @Schema(description = "Meta's call id (wacid.…), for pre_accept, accept, reject, terminate.")
            String callId,

            @Schema(description = "The calling customer, digits only.")
            String from,

            String whatsappPhoneNumberId) {}

    record NextStatus(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "919876543210", description = "The customer.")
            String to,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"failed", "sent", "delivered", "read"},
                    description = "How the next message to the customer ends.")
            String status,

            @Schema(description = "Meta's error code of a failed status (required then), e.g. 131026 or 131049.")
            Integer errorCode,

            @Schema(description = "The sending number; default the plugin's first.")
            String whatsappPhoneNumberId) {}

    record NextStatusSet(String to, String status, @Nullable Integer errorCode, String whatsappPhoneNumberId) {}
}
