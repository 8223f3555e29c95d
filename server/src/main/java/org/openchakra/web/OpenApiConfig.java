package org.openchakra.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs: bearer auth declared, so Swagger UI's "Authorize" works. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI openChakraApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("OpenChakra API")
                        .description(
                                "Self-hosted, ChakraHQ-compatible WhatsApp Business gateway with a lightweight CRM."
                                        + " Answers use the envelope {_data, _meta, _errors}.")
                        .version("v1"))
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
