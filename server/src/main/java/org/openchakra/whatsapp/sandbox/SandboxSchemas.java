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
}
