package org.openchakra.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The refusals of the OpenAPI document: shared responses, all in the error envelope, and which of them each
 * operation can answer, told from its path and handler rather than declared by hand.
 */
final class RefusalResponses {

    static final String REQUEST_ID = "#/components/headers/" + RequestIds.HEADER;

    private RefusalResponses() {}

    static void addTo(Components components) {
        components.addHeaders(
                RequestIds.HEADER,
                new Header()
                        .description("The request's id: the caller's own when it sent a sane one, else a new one.")
                        .schema(new JsonSchema().types(Set.of("string"))));
        components.addHeaders(
                "Retry-After",
                new Header()
                        .description("Seconds to wait before trying again.")
                        .schema(new JsonSchema().types(Set.of("integer"))));
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("BadRequest", "Bad input: one message per bad field, each naming it (README §4).");
        shared.put("Unauthenticated", "No bearer token, or one that is unknown or revoked.");
        shared.put("Forbidden", "The token's role lacks the privilege this operation takes.");
        shared.put("NotFound", "No such resource in the caller's team (another team's is not found either).");
        shared.put("RateLimited", "Over the API key's rate limit: retry after Retry-After seconds.");
        shared.put("Error", "Any other refusal, in the same envelope (409 conflict, 413 too large, 5xx, ...).");
        shared.forEach((name, description) -> {
            ApiResponse response = new ApiResponse()
                    .description(description)
                    .content(NamedSchemas.content(
                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                            new JsonSchema().$ref(NamedSchemas.ref("ErrorAnswer"))));
            response.addHeaderObject(RequestIds.HEADER, new Header().$ref(REQUEST_ID));
            if (name.equals("RateLimited")) {
                response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
            }
            components.addResponses(name, response);
        });
    }

    /** 400 with input, 401 and 429 where a token is needed, 403 with a privilege, 404 with path variables. */
    static Map<String, ApiResponse> of(String path, Operation operation, HandlerMethod handler) {
        Map<String, ApiResponse> refusals = new LinkedHashMap<>();
        boolean hasInput = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (hasInput) {
            refusals.put("400", reference("BadRequest"));
        }
        boolean authenticated = AuthenticationFilter.isProtected(path);
        if (authenticated) {
            refusals.put("401", reference("Unauthenticated"));
        }
        if (declares(handler, RequiresPrivilege.class) || declares(handler, OperatorOnly.class)) {
            refusals.put("403", reference("Forbidden"));
        }
        if (path.contains("{")) {
            refusals.put("404", reference("NotFound"));
        }
        if (authenticated) {
            refusals.put("429", reference("RateLimited"));
        }
        refusals.put("default", reference("Error"));
        return refusals;
    }

    private static boolean declares(HandlerMethod handler, Class<? extends Annotation> annotation) {
        return handler.hasMethodAnnotation(annotation)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), annotation);
    }

    private static ApiResponse reference(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }
}
