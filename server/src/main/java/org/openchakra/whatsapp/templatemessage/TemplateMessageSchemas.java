package org.openchakra.whatsapp.templatemessage;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * A template send in Chakra's format (whatsapp.md §3) as the OpenAPI document shows it;
 * {@link TemplateMessageRequest} reads it. Optional fields may be "" or 0 (form-driven clients send them).
 */
final class TemplateMessageSchemas {

    private TemplateMessageSchemas() {}

    record TemplateSend(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The sender number's Meta id.")
            String whatsappPhoneNumberId,

            @Schema(requiredMode = RequiredMode.REQUIRED) String templateName,

            @Schema(description = "Default: the only approved language, else the team's, else en_US.")
            String language,

            @Schema(description = "The same as language.") String languageCode,
            @Schema(description = "Body variables.") List<Mapping> mapping,
            @Schema(description = "Header text variables.") List<Mapping> headerMapping,

            @Schema(description = "Button variables; the name is the button's index.")
            List<Mapping> buttonMapping,

            String imageUrl,
            String videoUrl,
            String documentUrl,

            @Schema(description = "The document header's file name.")
            String filename,

            Double locationLatitude,
            Double locationLongitude,
            String locationName,
            String locationAddress,

            @Schema(description = "Authentication templates: the code for the body and the copy-code button.")
            String otpCode) {}

    @Schema(name = "MappingType")
    record Mapping(
            @Schema(
                    description = "The variable: \"1\" for {{1}}, or the parameter's name.",
                    requiredMode = RequiredMode.REQUIRED)
            String schemaPropertyName,

            @Schema(description = "May reference the process: {{process.data.<attr>}}, {{process.<rootField>}}.")
            String schemaPropertyValue) {}
}
