package org.openchakra.whatsapp.meta;

import io.swagger.v3.oas.annotations.media.Schema;

/** Meta's own bodies, which the pass-through endpoints forward as they are, in the OpenAPI document. */
public final class MetaSchemas {

    private MetaSchemas() {}

    @Schema(
            description = "A JSON object as Meta's WhatsApp Cloud API defines it for this edge (meta-cloud-api.md),"
                    + " forwarded as it is.",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    public record MetaBody() {}
}
