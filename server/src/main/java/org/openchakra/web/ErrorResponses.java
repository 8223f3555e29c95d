package org.openchakra.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope straight to a response, for refusals made before Spring MVC (filters). */
@Component
public class ErrorResponses {

    private final JsonMapper json;

    public ErrorResponses(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, int status, List<ErrorDetail> details) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        String requestId = RequestIds.current() != null ? RequestIds.current() : response.getHeader(RequestIds.HEADER);
        json.writeValue(response.getOutputStream(), ApiResponse.failure(details, requestId));
    }

    public void write(HttpServletResponse response, ApiException e) throws IOException {
        write(response, e.status().value(), e.details());
    }
}
