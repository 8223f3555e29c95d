package org.openchakra.bootstrap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.openchakra.OpenChakraApplication;
import org.openchakra.OpenChakraProperties;
import org.openchakra.apikey.OperatorToken;
import org.openchakra.app.SignInLinks;
import org.openchakra.onboarding.TeamOnboarding;
import org.openchakra.team.TeamService;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.plugin.PluginConfig;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On an empty database: the default team (roles, admin user, admin API key) and the operator token.
 * The tokens are printed once to the console (never to the log) and the admin token is written to
 * {@code <data dir>/initial-admin-token} (mode 0600). Then, on every start, where to look.
 */
@Component
@Profile("!" + OpenChakraApplication.ONE_SHOT_COMMAND)
class FirstStart implements ApplicationRunner {

    public static final String DEFAULT_TEAM = "default";
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    // Any constant shared by all instances: serialises first start when several start on one empty database.
    private static final long FIRST_START_LOCK = 0x0C4A4B4AL;

    private final TeamService teams;
    private final TeamOnboarding onboarding;
    private final OperatorToken operatorToken;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final OpenChakraProperties props;
    private final Environment env;
    private final PluginService plugins;
    private final WhatsappProperties whatsapp;
    private final SignInLinks signInLinks;

    public FirstStart(
            TeamService teams,
            TeamOnboarding onboarding,
            OperatorToken operatorToken,
            JdbcClient jdbc,
            TransactionTemplate tx,
            OpenChakraProperties props,
            Environment env,
            PluginService plugins,
            WhatsappProperties whatsapp,
            SignInLinks signInLinks) {
        this.signInLinks = signInLinks;
        this.plugins = plugins;
        this.whatsapp = whatsapp;
        this.teams = teams;
        this.onboarding = onboarding;
        this.operatorToken = operatorToken;
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.env = env;
    }

    private record Made(String adminToken, Optional<String> operatorToken, SignInLinks.Issued signInLink) {}

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Made made = tx.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                    .param("key", FIRST_START_LOCK)
                    .query()
                    .singleRow();
            if (!teams.isEmpty()) {
                return null;
            }
            TeamOnboarding.OnboardedTeam team = onboarding.create(
                    new TeamService.NewTeam("Default team", DEFAULT_TEAM, "UTC", "91"),
                    new TeamOnboarding.FirstAdmin("admin", null));
            if (whatsapp.sandbox()) {
                // whatsapp.md §9: a new server can send (to the simulator) before anyone has a Meta account.
                plugins.create(
                        team.team().team().id(),
                        new PluginService.NewPlugin(
                                "Sandbox",
                                WhatsappPlugin.Mode.SANDBOX,
                                null,
                                PluginService.DEFAULT_API_VERSION,
                                null,
                                List.of(),
                                PluginConfig.defaults()));
            }
            // inbox.md §1: the admin can open the inbox at once, with a link to choose a password.
            SignInLinks.Issued link = signInLinks
                    .issue(team.team().team().id(), team.admin().id(), baseUrl())
                    .orElseThrow();
            return new Made(team.adminKey().token().secret(), operatorToken.generateIfAbsent(), link);
        });
        if (made != null) {
            writeTokenFile(made.adminToken());
        }
        String baseUrl = baseUrl();
        PrintStream out = System.out;
        out.println();
        out.println("OpenChakra is up.");
        out.println("  Inbox        : " + baseUrl + "/app");
        out.println("  API base URL : " + baseUrl);
        out.println("  Swagger UI   : " + baseUrl + "/swagger-ui.html");
        out.println("  Health       : " + baseUrl + "/actuator/health");
        // Only the instance that did the first start has the file (not a second server on a shared
        // database, nor one whose file was deleted): never point at a file that is not there.
        if (Files.exists(tokenFile())) {
            out.println("  Admin token  : " + tokenFile().toAbsolutePath() + " (written at first start)");
        }
        if (made != null) {
            log.info("First start: created team '{}' with its admin API key", DEFAULT_TEAM);
            out.println();
            out.println("First start: created the team '" + DEFAULT_TEAM + "'. These tokens are shown once:");
            out.println("  admin token    : " + made.adminToken());
            made.operatorToken()
                    .ifPresent(t -> out.println("  operator token : " + t
                            + "  (creates teams; set OPENCHAKRA_OPERATOR_TOKEN to choose your own)"));
            out.println("Open the inbox with this sign-in link (user 'admin'; it works once, for 24 hours):");
            out.println("  " + made.signInLink().url());
            out.println("  (a new one: ./openchakra sign-in-link --team " + DEFAULT_TEAM + " --email admin)");
            out.println("Try: curl -H \"Authorization: Bearer $(cat " + tokenFile() + ")\" " + baseUrl + "/v1/health");
        }
        out.println();
        out.flush();
    }

    private String baseUrl() {
        if (props.publicBaseUrl() != null && !props.publicBaseUrl().isBlank()) {
            return props.publicBaseUrl().replaceAll("/+$", "");
        }
        return "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    }

    private Path tokenFile() {
        return props.dataDir().resolve("initial-admin-token");
    }

    private void writeTokenFile(String token) throws IOException {
        Path file = tokenFile();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
