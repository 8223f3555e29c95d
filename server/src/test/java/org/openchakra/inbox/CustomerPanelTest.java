package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;

/** The customer panel (inbox.md §2.5): the lead's attributes edited with the procedure's validation. */
class CustomerPanelTest extends AppTest {

    @Test
    void theLeadIsShownAndEditedWithTheProceduresTypes() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000401", "Lalita", "hi");
        UUID chat = awaitChat(team, "919800000401");
        AppSession pages = signedIn(team, newUser(team, "agent", uniqueEmail("panel")));
        Reply page = pages.get("/app/chats/" + chat);
        assertThat(page.raw())
                .contains("id=\"lead-form\"")
                .contains("value=\"Lalita\"")
                .contains("LEAD-");

        Reply saved = pages.htmx(
                "POST",
                "/app/chats/" + chat + "/lead",
                Map.of("data.name", "Lalita Rao", "data.email", "LALITA@EXAMPLE.COM"));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.raw()).contains("value=\"Lalita Rao\"").contains("value=\"lalita@example.com\"");
        String lead = api().get("/v1/ext/chat/" + chat, team.adminToken())
                .data()
                .path("lead")
                .asString();
        Reply stored = api().get("/v1/ext/procedure/lead/process/" + lead, team.adminToken());
        assertThat(stored.data().path("data").path("name").asString()).isEqualTo("Lalita Rao");

        // A value the attribute's type refuses: a readable 400 naming it, nothing saved.
        Reply refused = pages.htmx(
                "POST",
                "/app/chats/" + chat + "/lead",
                Map.of("data.name", "Someone else", "data.email", "not an email"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("HX-Retarget")).isEqualTo("#notices");
        assertThat(refused.raw()).contains("&#39;email&#39; must be an email address");
        assertThat(pages.get("/app/chats/" + chat).raw()).contains("value=\"Lalita Rao\"");
    }

    @Test
    void theOptOutSwitchPutsTheCustomerOnTheTeamsListAndTakesThemOff() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000403", "Rekha", "no more offers please");
        UUID chat = awaitChat(team, "919800000403");
        AppSession pages = signedIn(team, newUser(team, "agent", uniqueEmail("optout")));
        assertThat(pages.get("/app/chats/" + chat).raw())
                .contains("Receives marketing messages")
                .contains("Opt out of marketing");

        Reply out = pages.htmx(
                "POST",
                "/app/chats/" + chat + "/opt-out",
                Map.of("optedOut", "true", "reason", "Asked on the phone <b>today</b>"));
        assertThat(out.status()).as(out.raw()).isEqualTo(200);
        assertThat(out.raw())
                .contains("Opted out since")
                .contains("in the inbox")
                .contains("Asked on the phone &lt;b&gt;today&lt;/b&gt;")
                .contains("Opt back in");
        Reply listed = api().get("/v1/admin/opt-outs?phoneNumber=919800000403", team.adminToken());
        assertThat(listed.data().path(0).path("source").asString()).isEqualTo("INBOX");
        assertThat(listed.data().path(0).path("reason").asString()).isEqualTo("Asked on the phone <b>today</b>");

        Reply refused = pages.htmx("POST", "/app/chats/" + chat + "/opt-out", Map.of("optedOut", "perhaps"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw()).contains("optedOut");

        Reply back = pages.htmx("POST", "/app/chats/" + chat + "/opt-out", Map.of("optedOut", "false"));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.raw()).contains("Receives marketing messages");
        assertThat(api().get("/v1/admin/opt-outs?phoneNumber=919800000403", team.adminToken())
                        .data()
                        .size())
                .isZero();
    }

    @Test
    void earlierChatsWithTheCustomerAreListed() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000402", "Omar", "first time");
        UUID first = awaitChat(team, "919800000402");
        assertThat(api().post("/v1/ext/chat/" + first + "/close", team.adminToken(), null)
                        .status())
                .isEqualTo(200);
        customerWrites(team, sandbox, "919800000402", "Omar", "second time");
        UUID second = awaitChat(team, "919800000402");
        assertThat(second).isNotEqualTo(first);
        AppSession pages = signedIn(team, newUser(team, "manager", uniqueEmail("history")));
        Reply panel = pages.get("/app/chats/" + second + "/customer");
        assertThat(panel.raw())
                .contains("/app/chats/" + first)
                .contains("first time")
                .contains("second time");
    }
}
