package org.openchakra.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The envelope of contract README §3: {@code {_data, _meta, _errors}}, plus on failure {@code _errorDetails}
 * and {@code message}, the first of {@code _errors}: generic HTTP tools (n8n, most API clients) show a
 * body's top-level {@code message} and nothing else.
 */
@JsonPropertyOrder({"_data", "_meta", "_errors", "_errorDetails", "message"})
public record ApiResponse(
        @JsonProperty("_data") Object data,
        @JsonProperty("_meta") Map<String, Object> meta,
        @JsonProperty("_errors") List<String> errors,

        @JsonProperty("_errorDetails") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ErrorDetail> errorDetails,

        @JsonProperty("message") @JsonInclude(JsonInclude.Include.NON_NULL)
        String message) {

    public static ApiResponse ok(Object data) {
        return new ApiResponse(data, Map.of(), List.of(), null, null);
    }

    public static ApiResponse ok(Object data, Map<String, Object> meta) {
        return new ApiResponse(data, meta, List.of(), null, null);
    }

    public static ApiResponse failure(List<ErrorDetail> details, String requestId) {
        List<String> messages = details.stream().map(ErrorDetail::message).toList();
        return new ApiResponse(
                null,
                requestId == null ? Map.of() : Map.of("requestId", requestId),
                messages,
                details,
                messages.isEmpty() ? null : messages.get(0));
    }
}
