package org.openchakra.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at /v3/api-docs: bearer auth declared, so Swagger UI's "Authorize" works; the
 * operations are described by {@link ApiOperation} ({@link OpenApiOperations}). A copy is kept in
 * docs/openapi.json, from which a Java client is generated and tested (api-client/).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // Resolved from the request by the server, never sent by a client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI openChakraApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("OpenChakra API")
                        .description(
                                "Self-hosted, ChakraHQ-compatible WhatsApp Business gateway with a lightweight CRM."
                                        + " Answers use the envelope {_data, _meta, _errors}; refusals add"
                                        + " _errorDetails and message.")
                        .version("v1"))
                // Relative: the document describes the server that serves it, wherever that is.
                .addServersItem(new Server().url("/").description("This server"))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An access token of a team's API key, or the operator token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
