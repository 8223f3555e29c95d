package org.openchakra.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * The server as a real process on its own data directory: first start, restart with the data kept,
 * survival of a SIGKILL (the orphaned PostgreSQL is taken over), the admin-token command, and the inbox's
 * sign-in links (printed at first start, and made by the sign-in-link command).
 */
class ServerLifecycleTest {

    @Test
    void firstStartRestartKillAndTheAdminTokenCommand() throws Exception {
        Path dataDir =
                Files.createDirectories(Path.of("target", "test-data")).resolve("lifecycle-" + System.nanoTime());
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start();
            Path tokenFile = dataDir.resolve("initial-admin-token");
            assertThat(tokenFile).exists();
            assertThat(Files.getPosixFilePermissions(tokenFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            String token = Files.readString(tokenFile).trim();
            assertThat(server.log())
                    .contains(token)
                    .contains("operator token")
                    .contains("/swagger-ui.html")
                    .contains("Admin token  : " + tokenFile.toAbsolutePath());
            assertThat(server.api().get("/v1/health", token).status()).isEqualTo(200);

            // inbox.md §1, platform.md §11: the inbox's URL, and a sign-in link for the admin, once.
            String base = server.api().baseUrl();
            assertThat(server.log()).contains("Inbox        : " + base + "/app");
            java.util.regex.Matcher printed = java.util.regex.Pattern.compile(
                            java.util.regex.Pattern.quote(base) + "/app/password\\?link=ocl_[A-Za-z0-9_-]{43}")
                    .matcher(server.log());
            assertThat(printed.find()).as(server.log()).isTrue();
            AppSession admin = new AppSession(base);
            assertThat(admin.choosePassword(printed.group(), "the admin's long password")
                            .status())
                    .isEqualTo(302);
            assertThat(admin.get("/app").status()).isEqualTo(200);
            Reply role = server.api()
                    .post(
                            "/v1/admin/roles",
                            token,
                            Map.of("shortId", "survivor", "name", "Survivor", "roleType", "USER"));
            assertThat(role.status()).isEqualTo(200);

            // A second process on the same data dir is refused, with a way out in the message.
            ServerProcess.CommandResult second = new ServerProcess(dataDir).runCommand("--openchakra.port=0");
            assertThat(second.exitCode()).isNotZero();
            assertThat(second.stdout())
                    .contains("in use by another OpenChakra process")
                    .contains("OPENCHAKRA_DATABASE_URL")
                    .contains("OPENCHAKRA_DATABASE_PASSWORD=$(cat "
                            + dataDir.toAbsolutePath().normalize().resolve("postgres.password") + ")");

            // The admin-token command works while the server runs, and only prints the token.
            ServerProcess.CommandResult minted = server.runCommand("admin-token", "--team", "default");
            assertThat(minted.exitCode()).as(server.log()).isZero();
            assertThat(minted.stdout()).matches("ock_[A-Za-z0-9_-]{43}");
            assertThat(server.api().get("/v1/admin/roles", minted.stdout()).status())
                    .isEqualTo(200);
            ServerProcess.CommandResult unknown = server.runCommand("admin-token", "--team", "no-such-team");
            assertThat(unknown.exitCode()).isEqualTo(2);

            // A new sign-in link from the command line, by username for a user without an email.
            ServerProcess.CommandResult link =
                    server.runCommand("sign-in-link", "--team", "default", "--email", "admin");
            assertThat(link.exitCode()).as(server.log()).isZero();
            assertThat(link.stdout())
                    .matches(java.util.regex.Pattern.quote(base) + "/app/password\\?link=ocl_[A-Za-z0-9_-]{43}");
            assertThat(new AppSession(base)
                            .choosePassword(link.stdout(), "another long password")
                            .status())
                    .isEqualTo(302);
            assertThat(server.runCommand("sign-in-link", "--team", "default", "--email", "nobody@example.com")
                            .exitCode())
                    .isEqualTo(2);

            server.stop();
            server.start();
            assertThat(server.api().get("/v1/health", token).status()).isEqualTo(200);
            assertThat(server.api().get("/v1/admin/roles", token).raw()).contains("survivor");
            assertThat(Files.readString(tokenFile).trim()).isEqualTo(token);
            int firstStarts = countOccurrences(server.log(), "These tokens are shown once");
            assertThat(firstStarts).isEqualTo(1);

            server.kill();
            server.start();
            assertThat(server.api().get("/v1/health", minted.stdout()).status()).isEqualTo(200);
            assertThat(server.api().get("/v1/admin/roles", token).raw()).contains("survivor");
            assertThat(server.log()).contains("left running by an earlier OpenChakra process");
        }
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
