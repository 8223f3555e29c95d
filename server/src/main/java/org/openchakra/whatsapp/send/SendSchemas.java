package org.openchakra.whatsapp.send;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Pass-through sends (whatsapp.md §2) as the OpenAPI document shows them. */
final class SendSchemas {

    private SendSchemas() {}

    @Schema(
            description = "Exactly Meta's /messages body: any message type, a read receipt (status: read) or a typing"
                    + " indicator.",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record MessagesBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "whatsapp")
            String messaging_product,

            @Schema(example = "individual") String recipient_type,

            @Schema(description = "The customer's number; required for messages.")
            String to,

            @Schema(description = "The message type; required for messages.", example = "text")
            String type,

            @Schema(description = "read, for a read receipt.")
            String status,

            @Schema(description = "The wamid a read receipt or typing indicator is about.")
            String message_id) {}

    @Schema(description = "A message: whatsappMessageId and chatMessageId; a read receipt or typing: success.")
    record Sent(
            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            String whatsappMessageId,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            UUID chatMessageId,

            @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean success,

            @Schema(description = "Meta's answer as Meta sent it.") @Nullable
            Map<String, Object> response) {}
}
