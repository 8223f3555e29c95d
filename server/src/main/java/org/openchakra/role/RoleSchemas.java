package org.openchakra.role;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Role bodies as the OpenAPI document shows them; {@link Role.RoleView} is the answer. */
final class RoleSchemas {

    private RoleSchemas() {}

    private static final String PRIVILEGES = "Privilege names of platform.md §1, such as process:read.";

    record NewRole(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Lower-case letters, digits and _.")
            String shortId,

            @Schema(requiredMode = RequiredMode.REQUIRED) String name,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"ADMIN", "MANAGER", "USER"})
            String roleType,

            @Schema(description = PRIVILEGES) List<String> privileges) {}

    record RoleChange(
            String name,

            @Schema(allowableValues = {"ADMIN", "MANAGER", "USER"})
            String roleType,

            @Schema(description = PRIVILEGES + " Replaces the list.")
            List<String> privileges) {}
}
