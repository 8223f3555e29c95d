package org.openchakra.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shapes every feature shares in the OpenAPI document: the error envelope of README §3 (which Meta's
 * relayed refusals of whatsapp.md §2.3 also take) and the plain {@code {success: true}}. The success envelope
 * is made per answer by {@link OpenApiOperations}.
 */
public final class Envelopes {

    private Envelopes() {}

    @Schema(
            name = "ErrorAnswer",
            description = "A refusal (4xx or 5xx). Clients show _errors[0] (or message). Refusals relayed from Meta"
                    + " (whatsapp.md §2.3) carry Meta's error object as `error` and no _data or _meta.")
    public record ErrorAnswer(
            @JsonProperty("_data") @Schema(description = "Always null.", requiredMode = RequiredMode.NOT_REQUIRED)
            Object data,

            @JsonProperty("_meta") @Schema(requiredMode = RequiredMode.NOT_REQUIRED)
            ErrorMeta meta,

            @JsonProperty("_errors") @Schema(description = "One message for people per problem; never empty.")
            List<String> errors,

            @JsonProperty("_errorDetails") List<ErrorDetail> errorDetails,

            @Schema(description = "The first of _errors, for HTTP tools that show a body's message only.")
            String message,

            @Schema(
                    description = "Meta's error object as Meta sent it (or as OpenChakra made it in Meta's name),"
                            + " on refusals of the pass-through endpoints only.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            Map<String, Object> error) {}

    @Schema(name = "ErrorMeta")
    public record ErrorMeta(
            @Schema(
                    description = "The request's X-Request-Id, which the server's log lines carry too.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            String requestId) {}

    @Schema(name = "ErrorDetail", description = "One problem with the request.")
    public record ErrorDetail(
            @Schema(
                    description = "A stable machine code: VALIDATION_FAILED, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN,"
                            + " CONFLICT, RATE_LIMITED, PAYLOAD_TOO_LARGE, METHOD_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE,"
                            + " NOT_ACCEPTABLE, UPSTREAM_ERROR, INTERNAL.",
                    example = "VALIDATION_FAILED")
            String code,

            String message,

            @Schema(
                    description = "The field at fault, as a path into the body (data.score, admin.email), or null.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            @Nullable
            String field,

            @Schema(description = "Meta's error code, on UPSTREAM_ERROR.", requiredMode = RequiredMode.NOT_REQUIRED)
            Integer metaCode) {}

    @Schema(name = "Success")
    public record Success(boolean success) {}
}
