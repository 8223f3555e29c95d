package org.openchakra.onboarding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.OperatorOnly;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The operator makes a team (platform.md §11); the other team endpoints are in {@code team}. */
@RestController
class TeamOnboardingController {

    private final TeamOnboarding onboarding;

    TeamOnboardingController(TeamOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping("/v1/admin/teams")
    @OperatorOnly
    @ApiOperation(
            id = "createTeam",
            summary = "Create a team with its roles, lead procedure, admin user and admin API key (operator)",
            body = OnboardingSchemas.NewTeam.class,
            data = OnboardingSchemas.CreatedTeam.class)
    public ApiResponse create(@RequestBody JsonNode body) {
        TeamOnboarding.OnboardedTeam created = onboarding.create(body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("team", created.team().team().view());
        answer.put("adminUser", created.admin().id());
        answer.put(
                "apiKey",
                created.adminKey().key().view(List.of(created.adminKey().token().token())));
        answer.put("token", created.adminKey().token().view());
        return ApiResponse.ok(answer);
    }
}
