package org.openchakra.onboarding;

import org.openchakra.apikey.ApiKeyService;
import org.openchakra.common.EmailAddresses;
import org.openchakra.team.TeamService;
import org.openchakra.user.User;
import org.openchakra.user.UserService;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A new team with everything it starts with, in one transaction: the team and its default roles
 * ({@code team}), its first admin user ({@code user}) and an admin API key with one token ({@code apikey}).
 * A module of its own so that {@code team} needs neither users nor keys, and {@code user} may read teams.
 */
@Service
public class TeamOnboarding {

    private final TeamService teams;
    private final UserService users;
    private final ApiKeyService apiKeys;

    TeamOnboarding(TeamService teams, UserService users, ApiKeyService apiKeys) {
        this.teams = teams;
        this.users = users;
        this.apiKeys = apiKeys;
    }

    public record FirstAdmin(String username, String email) {}

    public record OnboardedTeam(TeamService.CreatedTeam team, User admin, ApiKeyService.CreatedKey adminKey) {}

    /** {@code POST /v1/admin/teams}: the body checked (one 400 listing every problem), then the team made. */
    @Transactional
    public OnboardedTeam create(JsonNode body) {
        JsonFields f = JsonFields.of(body);
        TeamService.NewTeam team = teams.newTeam(f);
        FirstAdmin admin = firstAdmin(f);
        f.check();
        return create(team, admin);
    }

    @Transactional
    public OnboardedTeam create(TeamService.NewTeam spec, FirstAdmin firstAdmin) {
        TeamService.CreatedTeam created = teams.create(spec);
        var teamId = created.team().id();
        var adminRoleId = created.adminRole().id();
        User admin = users.createInitialAdmin(teamId, firstAdmin.username(), firstAdmin.email(), adminRoleId);
        ApiKeyService.CreatedKey key = apiKeys.create(teamId, "admin", "Created with the team", adminRoleId);
        return new OnboardedTeam(created, admin, key);
    }

    /**
     * The optional {@code admin: {username, email}}, checked as {@code POST /v1/admin/users} checks them.
     * Its problems join the body's, named {@code admin.<field>}, so that one 400 lists them all.
     */
    private static FirstAdmin firstAdmin(JsonFields f) {
        JsonFields admin = f.object("admin").map(JsonFields::of).orElse(null);
        if (admin == null) {
            return new FirstAdmin("admin", null);
        }
        String username = admin.string("username", UserService.NAME_MAX).orElse("admin");
        if (username.isBlank()) {
            admin.problem("username", "'username' must not be blank");
        }
        String email = admin.string("email", EmailAddresses.MAX_LENGTH).orElse(null);
        if (email != null && !EmailAddresses.isValid(email)) {
            admin.problem("email", "'email' is not a valid email address");
        }
        admin.problems().forEach(p -> f.problem("admin." + p.field(), "admin: " + p.message()));
        return new FirstAdmin(username, email);
    }
}
