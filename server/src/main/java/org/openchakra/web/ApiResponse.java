package org.openchakra.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The envelope of contract README §3: {@code {_data, _meta, _errors}}, plus {@code _errorDetails} on failure. */
@JsonPropertyOrder({"_data", "_meta", "_errors", "_errorDetails"})
public record ApiResponse(
        @JsonProperty("_data") Object data,
        @JsonProperty("_meta") Map<String, Object> meta,
        @JsonProperty("_errors") List<String> errors,

        @JsonProperty("_errorDetails") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<ErrorDetail> errorDetails) {

    public static ApiResponse ok(Object data) {
        return new ApiResponse(data, Map.of(), List.of(), null);
    }

    public static ApiResponse ok(Object data, Map<String, Object> meta) {
        return new ApiResponse(data, meta, List.of(), null);
    }

    public static ApiResponse failure(List<ErrorDetail> details, String requestId) {
        return new ApiResponse(
                null,
                requestId == null ? Map.of() : Map.of("requestId", requestId),
                details.stream().map(ErrorDetail::message).toList(),
                details);
    }
}
