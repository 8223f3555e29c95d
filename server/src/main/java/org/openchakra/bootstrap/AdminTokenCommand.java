package org.openchakra.bootstrap;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openchakra.OpenChakraApplication;
import org.openchakra.apikey.ApiKeyService;
import org.openchakra.role.Privileges;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code ./openchakra admin-token [--team <shortName>]}: mints a new admin API key for a team (for a lost
 * token) and prints its token on standard output. Works while the server runs on the same data dir.
 */
@Component
@Profile(OpenChakraApplication.ADMIN_TOKEN_COMMAND)
class AdminTokenCommand implements CommandLineRunner, ExitCodeGenerator {

    private final TeamService teams;
    private final RoleService roles;
    private final ApiKeyService apiKeys;
    private int exitCode;

    public AdminTokenCommand(TeamService teams, RoleService roles, ApiKeyService apiKeys) {
        this.teams = teams;
        this.roles = roles;
        this.apiKeys = apiKeys;
    }

    @Override
    public void run(String... args) {
        List<String> arguments = Arrays.asList(args);
        String shortName = option(arguments, "--team").orElse(FirstStart.DEFAULT_TEAM);
        Team team = teams.findByShortName(shortName).orElse(null);
        if (team == null) {
            System.err.println("No team with shortName '" + shortName + "'. Known: "
                    + teams.list().stream().map(Team::shortName).toList());
            exitCode = 2;
            return;
        }
        Role admin = roles.findByShortId(team.id(), Privileges.ADMIN_ROLE).orElseThrow();
        ApiKeyService.CreatedKey key = apiKeys.create(
                team.id(),
                "admin (admin-token command)",
                "Minted by the admin-token command at " + Instant.now(),
                admin.id());
        System.out.println(key.token().secret());
    }

    /** {@code --name value} or {@code --name=value}. */
    static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith(name + "=")) {
                return Optional.of(arg.substring(name.length() + 1));
            }
            if (arg.equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
