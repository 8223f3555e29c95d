package org.openchakra.inbound;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Meta's webhook (webhooks.md §1) as the OpenAPI document shows it: Meta calls it, not clients. */
final class InboundSchemas {

    private InboundSchemas() {}

    @Schema(
            description = "Meta's notification, signed by X-Hub-Signature-256 (meta-cloud-api.md §6).",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record Notification(
            @Schema(example = "whatsapp_business_account") String object, List<Map<String, Object>> entry) {}
}
