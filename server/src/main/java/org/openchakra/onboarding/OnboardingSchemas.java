package org.openchakra.onboarding;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.UUID;
import org.openchakra.apikey.ApiKey;
import org.openchakra.team.Team;

/**
 * Team creation as the OpenAPI document shows it ({@code ApiOperation}): {@link TeamOnboarding} reads the body,
 * {@link TeamOnboardingController} writes the answer.
 */
final class OnboardingSchemas {

    private OnboardingSchemas() {}

    record NewTeam(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Acme Sales")
            String name,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "2-63 lower-case letters, digits or -; unique, fixed at creation.",
                    example = "acme")
            String shortName,

            @Schema(description = "An offset such as +0530 or an IANA zone; default UTC.", example = "+0530")
            String timezone,

            @Schema(description = "1-4 digits; default 91.", example = "91")
            String defaultCountryCode,

            @Schema(description = "The first admin user; default username admin.")
            NewAdminUser admin) {}

    record NewAdminUser(String username, String email) {}

    @Schema(description = "The new team with its admin user and its admin API key, whose token is shown only here.")
    record CreatedTeam(Team.View team, UUID adminUser, ApiKey.View apiKey, ApiKey.AccessToken.View token) {}
}
