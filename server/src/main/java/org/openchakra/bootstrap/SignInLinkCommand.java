package org.openchakra.bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openchakra.OpenChakraApplication;
import org.openchakra.OpenChakraProperties;
import org.openchakra.app.SignInLinks;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./openchakra sign-in-link --team <shortName> --email <email>} (inbox.md §1): a new one-time link with
 * which the user chooses a password for the inbox, printed on standard output. The email is the user's
 * primary email, or their username when they have none. Works while the server runs on the same data dir.
 */
@Component
@Profile(OpenChakraApplication.SIGN_IN_LINK_COMMAND)
class SignInLinkCommand implements CommandLineRunner, ExitCodeGenerator {

    private final TeamService teams;
    private final SignInLinks links;
    private final OpenChakraProperties props;
    private final Environment env;
    private int exitCode;

    SignInLinkCommand(TeamService teams, SignInLinks links, OpenChakraProperties props, Environment env) {
        this.teams = teams;
        this.links = links;
        this.props = props;
        this.env = env;
    }

    @Override
    public void run(String... args) {
        List<String> arguments = Arrays.asList(args);
        String shortName = AdminTokenCommand.option(arguments, "--team").orElse(FirstStart.DEFAULT_TEAM);
        Optional<String> email = AdminTokenCommand.option(arguments, "--email");
        if (email.isEmpty()) {
            System.err.println("Usage: sign-in-link --team <shortName> --email <email or username>");
            exitCode = 2;
            return;
        }
        Team team = teams.findByShortName(shortName).orElse(null);
        if (team == null) {
            System.err.println("No team with shortName '" + shortName + "'. Known: "
                    + teams.list().stream().map(Team::shortName).toList());
            exitCode = 2;
            return;
        }
        Optional<SignInLinks.Issued> link =
                links.issueForLogin(team.id(), email.get().strip(), baseUrl());
        if (link.isEmpty()) {
            System.err.println("Team '" + shortName + "' has no user with the email or username '" + email.get() + "'");
            exitCode = 2;
            return;
        }
        System.out.println(link.get().url());
    }

    private String baseUrl() {
        if (props.publicBaseUrl() != null && !props.publicBaseUrl().isBlank()) {
            return props.publicBaseUrl().strip().replaceAll("/+$", "");
        }
        return "http://localhost:" + env.getProperty("server.port", "8080");
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
