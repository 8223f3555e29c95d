package org.openchakra.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;

/**
 * The settings pages over HTTP (inbox.md §2.7): users, WhatsApp numbers and their webhooks, API keys, the
 * webhook delivery log, opt-outs; admins of the team only; bad form values.
 */
class SettingsPagesTest extends AppTest {

    @Test
    void anAdminAddsAUserWithASignInLinkChangesTheRoleAndDeactivatesThem() {
        TestTeam team = newTeam();
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("boss")));
        assertThat(admin.get("/app/settings").header("Location")).endsWith("/app/settings/users");
        Reply page = admin.get("/app/settings/users");
        assertThat(page.status()).isEqualTo(200);
        String email = uniqueEmail("kiran");
        Reply added = admin.post(
                "/app/settings/users",
                Map.of(
                        "username",
                        "kiran-" + UUID.randomUUID().toString().substring(0, 6),
                        "email",
                        email,
                        "displayName",
                        "Kiran <K>",
                        "role",
                        "agent",
                        "link",
                        "on"));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        assertThat(added.raw()).contains("Kiran &lt;K&gt;").contains(email);
        Matcher link = Pattern.compile("id=\"link-value\">([^<]+)<").matcher(added.raw());
        assertThat(link.find()).isTrue();
        String userId = rowId(added.raw(), "data-user", email);

        // The link works: the new user chooses a password and is signed in.
        AppSession kiran = new AppSession(baseUrl());
        assertThat(kiran.choosePassword(link.group(1), PASSWORD).status()).isEqualTo(302);
        assertThat(kiran.get("/app").status()).isEqualTo(200);
        assertThat(kiran.get("/app/settings/users").status()).isEqualTo(403);

        Reply promoted = admin.post("/app/settings/users/" + userId + "/role", Map.of("role", "admin"));
        assertThat(promoted.status()).as(promoted.raw()).isEqualTo(200);
        assertThat(kiran.get("/app/settings/users").status()).isEqualTo(200);

        Reply again = admin.post("/app/settings/users/" + userId + "/sign-in-link", Map.of());
        assertThat(again.raw()).contains("id=\"link-value\"");

        Reply deactivated = admin.post("/app/settings/users/" + userId + "/deactivate", Map.of());
        assertThat(deactivated.status()).as(deactivated.raw()).isEqualTo(200);
        assertThat(deactivated.raw()).contains("Deactivated");
        // Their open session ends at once.
        assertThat(kiran.get("/app").status()).isEqualTo(302);
    }

    @Test
    void webhookSettingsApiKeysDeliveriesAndOptOuts() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("ops")));

        Reply numbers = admin.get("/app/settings/numbers");
        assertThat(numbers.raw()).contains(sandbox.numberId()).contains("Sandbox");
        Reply saved = admin.post(
                "/app/settings/numbers/" + sandbox.pluginId() + "/webhooks",
                Map.of(
                        "chakraWebhookUrl",
                        "https://hooks.example.com/chakra",
                        "enableChakraWebhook",
                        "on",
                        "events",
                        "message"));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        Reply config = api().get("/v1/ext/plugin/whatsapp/" + sandbox.pluginId() + "/config", team.adminToken());
        assertThat(config.raw()).contains("https://hooks.example.com/chakra").contains("\"enableChakraWebhook\":true");

        Reply key = admin.post("/app/settings/api-keys", Map.of("name", "CRM sync", "role", "admin"));
        assertThat(key.status()).as(key.raw()).isEqualTo(200);
        Matcher token = Pattern.compile("id=\"token-value\">([^<]+)<").matcher(key.raw());
        assertThat(token.find()).isTrue();
        assertThat(api().get("/v1/admin/team", token.group(1)).status()).isEqualTo(200);
        assertThat(admin.get("/app/settings/api-keys").raw())
                .contains("CRM sync")
                .doesNotContain(token.group(1));
        String keyId = rowId(key.raw(), "data-key", "CRM sync");
        Reply revoked = admin.post("/app/settings/api-keys/" + keyId + "/delete", Map.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(api().get("/v1/admin/team", token.group(1)).status()).isEqualTo(401);

        // A customer's message makes a delivery to the webhook just set (which nobody answers).
        customerWrites(team, sandbox, "919877700001", "Lata", "hello");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> admin.get("/app/settings/webhooks").raw().contains("data-delivery="));
        String deliveryId = attribute(admin.get("/app/settings/webhooks").raw(), "data-delivery");
        Reply redelivered = admin.post("/app/settings/webhooks/" + deliveryId + "/redeliver", Map.of());
        assertThat(redelivered.status()).as(redelivered.raw()).isEqualTo(200);
        assertThat(redelivered.raw()).contains("Queued to be sent again");

        Reply optedOut =
                admin.post("/app/settings/opt-outs", Map.of("phoneNumber", "+91 98777 00002", "reason", "asked"));
        assertThat(optedOut.status()).as(optedOut.raw()).isEqualTo(200);
        assertThat(optedOut.raw()).contains("+919877700002").contains("INBOX");
        assertThat(api().get("/v1/admin/opt-outs?phoneNumber=919877700002", team.adminToken())
                        .raw())
                .contains("919877700002");
        Reply keywords = admin.post(
                "/app/settings/opt-outs/keywords", Map.of("optOutKeywords", "STOP, BASTA", "optInKeywords", "START"));
        assertThat(keywords.status()).as(keywords.raw()).isEqualTo(200);
        assertThat(api().get("/v1/admin/team", team.adminToken()).raw()).contains("BASTA");
        Reply back = admin.post("/app/settings/opt-outs/remove", Map.of("phoneNumber", "919877700002"));
        assertThat(back.status()).isEqualTo(200);
        assertThat(admin.get("/app/settings/opt-outs").raw()).doesNotContain("+919877700002");
    }

    @Test
    void anotherTeamsAdminGets404AndAgentsGetNoSettings() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID member = newUser(team, "agent", uniqueEmail("member"));
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("own")));
        admin.get("/app/settings/api-keys");
        Reply key = admin.post("/app/settings/api-keys", Map.of("name", "Ours", "role", "admin"));
        String keyId = rowId(key.raw(), "data-key", "Ours");
        api().put("/v1/admin/opt-outs/919877700009", team.adminToken(), obj("reason", "ours"));

        TestTeam other = newTeam();
        AppSession stranger = signedIn(other, newUser(other, "admin", uniqueEmail("stranger")));
        for (String path : List.of(
                "/app/settings/users", "/app/settings/numbers", "/app/settings/api-keys", "/app/settings/opt-outs")) {
            assertThat(stranger.get(path).raw())
                    .as(path)
                    .doesNotContain(member.toString())
                    .doesNotContain(sandbox.numberId())
                    .doesNotContain(keyId)
                    .doesNotContain("919877700009");
        }
        stranger.get("/app/settings/users");
        Map<String, Map<String, String>> posts = Map.of(
                "/app/settings/users/" + member + "/role",
                Map.of("role", "admin"),
                "/app/settings/users/" + member + "/deactivate",
                Map.of(),
                "/app/settings/users/" + member + "/sign-in-link",
                Map.of(),
                "/app/settings/numbers/" + sandbox.pluginId() + "/webhooks",
                Map.of("chakraWebhookUrl", "https://x.example.com"),
                "/app/settings/api-keys/" + keyId + "/delete",
                Map.of(),
                "/app/settings/webhooks/" + UUID.randomUUID() + "/redeliver",
                Map.of(),
                "/app/settings/opt-outs/remove",
                Map.of("phoneNumber", "919877700009"));
        posts.forEach((path, form) -> {
            Reply reply = stranger.post(path, form);
            assertThat(reply.status()).as(path + ": " + reply.raw()).isEqualTo(404);
        });
        // Nothing of this team changed.
        assertThat(api().get("/v1/admin/api-keys/" + keyId, team.adminToken()).status())
                .isEqualTo(200);
        assertThat(api().get("/v1/admin/opt-outs?phoneNumber=919877700009", team.adminToken())
                        .raw())
                .contains("919877700009");

        AppSession agent = signedIn(team, member);
        for (String path : List.of(
                "/app/settings",
                "/app/settings/users",
                "/app/settings/numbers",
                "/app/settings/api-keys",
                "/app/settings/webhooks",
                "/app/settings/opt-outs")) {
            assertThat(agent.get(path).status()).as(path).isEqualTo(403);
        }
    }

    @Test
    void badFormValuesAnswerReadableErrorsNeverA500() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID meId = newUser(team, "admin", uniqueEmail("bad"));
        AppSession admin = signedIn(team, meId);
        admin.get("/app/settings/users");
        String plugin = "/app/settings/numbers/" + sandbox.pluginId() + "/webhooks";
        List<Object[]> cases = List.of(
                new Object[] {"/app/settings/users", Map.of(), 400},
                new Object[] {"/app/settings/users", Map.of("username", "x", "role", "nope"), 400},
                new Object[] {
                    "/app/settings/users", Map.of("username", "x", "role", "agent", "email", "not-an-email"), 400
                },
                new Object[] {"/app/settings/users/" + meId + "/deactivate", Map.of(), 400},
                new Object[] {"/app/settings/users/" + meId + "/role", Map.of(), 400},
                new Object[] {"/app/settings/users/" + meId + "/role", Map.of("role", "emperor"), 400},
                new Object[] {"/app/settings/users/not-a-uuid/role", Map.of("role", "admin"), 404},
                new Object[] {"/app/settings/users/" + UUID.randomUUID() + "/deactivate", Map.of(), 404},
                new Object[] {plugin, Map.of("chakraWebhookUrl", "not a url"), 400},
                new Object[] {plugin, Map.of("events", "telepathy"), 400},
                new Object[] {"/app/settings/api-keys", Map.of("role", "admin"), 400},
                new Object[] {"/app/settings/api-keys", Map.of("name", "x", "role", "nope"), 400},
                new Object[] {"/app/settings/api-keys/" + UUID.randomUUID() + "/delete", Map.of(), 404},
                new Object[] {"/app/settings/opt-outs", Map.of(), 400},
                new Object[] {"/app/settings/opt-outs", Map.of("phoneNumber", "abc"), 400},
                new Object[] {
                    "/app/settings/opt-outs", Map.of("phoneNumber", "919877700003", "reason", "x".repeat(501)), 400
                },
                new Object[] {"/app/settings/opt-outs/remove", Map.of("phoneNumber", "919877700004"), 404},
                new Object[] {
                    "/app/settings/opt-outs/keywords", Map.of("optOutKeywords", "STOP", "optInKeywords", "stop"), 400
                });
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Reply reply = admin.post((String) c[0], (Map<String, String>) c[1]);
            assertThat(reply.status())
                    .as(c[0] + " " + c[1] + ": " + reply.raw())
                    .isEqualTo(c[2]);
            assertThat(reply.raw())
                    .as(c[0] + " " + c[1])
                    .contains("class=\"problems\"")
                    .doesNotContain("Exception");
        }
        for (String path : List.of(
                "/app/settings/webhooks?status=maybe",
                "/app/settings/webhooks?page=0",
                "/app/settings/opt-outs?page=x",
                "/app/settings/opt-outs?phoneNumber=abc")) {
            Reply reply = admin.get(path);
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.raw()).as(path).contains("class=\"problems\"");
        }
        // Nothing changed: the admin is still an active admin.
        assertThat(admin.get("/app/settings/users").status()).isEqualTo(200);
    }

    /** The id in attribute {@code name} of the table row that shows {@code text}. */
    private static String rowId(String html, String name, String text) {
        Matcher m = Pattern.compile(name + "=\"([0-9a-f-]{36})\">(?:(?!</tr>).)*" + Pattern.quote(text), Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("a row of " + text).isTrue();
        return m.group(1);
    }

    private static String attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([0-9a-f-]{36})\"").matcher(html);
        assertThat(m.find()).as(name + " in " + html).isTrue();
        return m.group(1);
    }
}
