package org.openchakra.team;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.OperatorOnly;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Teams (operator) and the caller's own team, its rate limit and webhook secret (platform.md §11). A new
 * team ({@code POST /v1/admin/teams}) is made by {@code onboarding.TeamOnboardingController}.
 */
@RestController
class TeamAdminController {

    private final TeamService teams;

    TeamAdminController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping("/v1/admin/teams")
    @OperatorOnly
    @ApiOperation(id = "listTeams", summary = "List every team (operator)", data = Team.View[].class)
    public ApiResponse list() {
        return ApiResponse.ok(teams.list().stream().map(Team::view).toList());
    }

    @GetMapping("/v1/admin/team")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(id = "getTeam", summary = "The caller's team", data = Team.View.class)
    public ApiResponse get(Caller caller) {
        return ApiResponse.ok(teams.get(caller.teamId()).view());
    }

    @PutMapping("/v1/admin/team")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "updateTeam",
            summary = "Change the caller's team",
            body = TeamSchemas.TeamChange.class,
            data = Team.View.class)
    public ApiResponse update(Caller caller, @RequestBody JsonNode body) {
        return ApiResponse.ok(teams.update(caller.teamId(), body).view());
    }

    @GetMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "getWebhookSecretState",
            summary = "Whether the team has a webhook signing secret",
            data = TeamSchemas.WebhookSecretState.class)
    public ApiResponse webhookSecret(Caller caller) {
        return ApiResponse.ok(Map.of("isSet", teams.get(caller.teamId()).hasWebhookSecret()));
    }

    @PutMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "setWebhookSecret",
            summary = "Set the secret that signs customer webhooks, or make a random one",
            body = TeamSchemas.WebhookSecretChange.class,
            data = TeamSchemas.WebhookSecretSet.class)
    public ApiResponse setWebhookSecret(Caller caller, @RequestBody(required = false) JsonNode body) {
        String generated = teams.setWebhookSecret(caller.teamId(), body).orElse(null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("isSet", true);
        answer.put("secret", generated);
        return ApiResponse.ok(answer);
    }

    @DeleteMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "clearWebhookSecret",
            summary = "Remove the webhook signing secret (deliveries go unsigned)",
            data = TeamSchemas.WebhookSecretState.class)
    public ApiResponse clearWebhookSecret(Caller caller) {
        teams.clearWebhookSecret(caller.teamId());
        return ApiResponse.ok(Map.of("isSet", false));
    }
}
