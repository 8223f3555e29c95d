package org.openchakra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenChakraApplication {

    /** {@code ./openchakra admin-token [--team <shortName>]}: the one-shot command of bootstrap.AdminTokenCommand. */
    public static final String ADMIN_TOKEN_COMMAND = "admin-token";
    /**
     * The profile a one-shot command runs under: no web server, no first start, no background jobs, and an
     * embedded database that is shared with a running server rather than started.
     */
    public static final String ONE_SHOT_COMMAND = "admin-token";

    public static void main(String[] args) {
        if (args.length > 0 && ADMIN_TOKEN_COMMAND.equals(args[0])) {
            // A one-shot command: same configuration and database, no web server, exits when done.
            SpringApplication app = new SpringApplication(OpenChakraApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(ONE_SHOT_COMMAND);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(OpenChakraApplication.class, args);
    }
}
