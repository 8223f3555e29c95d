package org.openchakra.team;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.OpenChakraProperties;
import org.openchakra.apikey.ApiKeyService;
import org.openchakra.role.Privileges;
import org.openchakra.role.Role;
import org.openchakra.role.RoleRepository;
import org.openchakra.user.User;
import org.openchakra.user.UserService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates teams with everything a team starts with, in one transaction. */
@Service
public class TeamService {

    private final TeamRepository teams;
    private final RoleRepository roles;
    private final UserService users;
    private final ApiKeyService apiKeys;
    private final ApplicationEventPublisher events;
    private final OpenChakraProperties props;

    public TeamService(
            TeamRepository teams,
            RoleRepository roles,
            UserService users,
            ApiKeyService apiKeys,
            ApplicationEventPublisher events,
            OpenChakraProperties props) {
        this.teams = teams;
        this.roles = roles;
        this.users = users;
        this.apiKeys = apiKeys;
        this.events = events;
        this.props = props;
    }

    public record NewTeam(
            String name,
            String shortName,
            String timezone,
            String defaultCountryCode,
            String adminUsername,
            String adminEmail) {}

    public record CreatedTeam(Team team, User admin, ApiKeyService.CreatedKey adminKey) {}

    /** The team, for features that read its settings (a team is never deleted, so this is there). */
    public Optional<Team> find(UUID teamId) {
        return teams.find(teamId);
    }

    /** The team, its three default roles, its admin user and an admin API key with one token. */
    @Transactional
    public CreatedTeam create(NewTeam spec) {
        Team team = teams.insert(
                spec.name(),
                spec.shortName(),
                spec.timezone(),
                spec.defaultCountryCode(),
                props.rateLimit().requestsPerSecond(),
                props.rateLimit().burst());
        Map<String, Role> byShortId = new HashMap<>();
        for (Privileges.DefaultRole r : Privileges.DEFAULT_ROLES) {
            byShortId.put(r.shortId(), roles.insert(team.id(), r.shortId(), r.name(), r.roleType(), r.privileges()));
        }
        Role admin = byShortId.get(Privileges.ADMIN_ROLE);
        User adminUser = users.createInitialAdmin(team.id(), spec.adminUsername(), spec.adminEmail(), admin.id());
        ApiKeyService.CreatedKey key = apiKeys.create(team.id(), "admin", "Created with the team", admin.id());
        events.publishEvent(new TeamCreated(team));
        return new CreatedTeam(team, adminUser, key);
    }
}
