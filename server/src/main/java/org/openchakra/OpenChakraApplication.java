package org.openchakra;

import java.util.Set;
import org.openchakra.blob.MigrateBlobsCommand;
import org.openchakra.bootstrap.AdminTokenCommand;
import org.openchakra.common.OneShotCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenChakraApplication {

    private static final Set<String> COMMANDS = Set.of(AdminTokenCommand.NAME, MigrateBlobsCommand.NAME);

    public static void main(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            // A one-shot command: same configuration and database, no web server, exits when done.
            SpringApplication app = new SpringApplication(OpenChakraApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(OneShotCommand.PROFILE, args[0]);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(OpenChakraApplication.class, args);
    }
}
