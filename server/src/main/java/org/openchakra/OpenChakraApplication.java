package org.openchakra;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenChakraApplication {

    /** {@code ./openchakra admin-token [--team <shortName>]}: the one-shot command of bootstrap.AdminTokenCommand. */
    public static final String ADMIN_TOKEN_COMMAND = "admin-token";
    /** {@code ./openchakra migrate-blobs --to <store>}: the one-shot command of blob.MigrateBlobsCommand. */
    public static final String MIGRATE_BLOBS_COMMAND = "migrate-blobs";
    /**
     * {@code ./openchakra sign-in-link --team <shortName> --email <email>}: a sign-in link for the inbox
     * (bootstrap.SignInLinkCommand).
     */
    public static final String SIGN_IN_LINK_COMMAND = "sign-in-link";
    /**
     * The profile every one-shot command runs under: no web server, no first start, no background jobs, and
     * an embedded database that is shared with a running server rather than started. The command's name is
     * a profile too, which selects the command itself.
     */
    public static final String ONE_SHOT_COMMAND = "one-shot-command";

    private static final Set<String> COMMANDS =
            Set.of(ADMIN_TOKEN_COMMAND, MIGRATE_BLOBS_COMMAND, SIGN_IN_LINK_COMMAND);

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // A one-shot command: same configuration and database, no web server, exits when done.
            SpringApplication app = new SpringApplication(OpenChakraApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(ONE_SHOT_COMMAND, args[0]);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(OpenChakraApplication.class, args);
    }
}
