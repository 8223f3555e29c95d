package org.openchakra;

import java.util.Set;
import org.openchakra.bootstrap.AdminTokenCommand;
import org.openchakra.bootstrap.SignInLinkCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OpenChakraApplication {

    public static void main(String[] args) {
        if (args.length > 0
                && Set.of(AdminTokenCommand.NAME, SignInLinkCommand.NAME).contains(args[0])) {
            // A one-shot command: same configuration and database, no web server, exits when done.
            SpringApplication app = new SpringApplication(OpenChakraApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(AdminTokenCommand.PROFILE);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(OpenChakraApplication.class, args);
    }
}
