package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;

/** The inbox's pages over HTTP: who sees which chat, what customers send shown as text, bad filters. */
class InboxPagesTest extends AppTest {

    @Test
    void agentsSeeTheirChatsAndTheUnassignedManagersSeeAll() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID asha = newUser(team, "agent", uniqueEmail("asha"));
        UUID ravi = newUser(team, "agent", uniqueEmail("ravi"));
        UUID boss = newUser(team, "manager", uniqueEmail("boss"));
        customerWrites(team, sandbox, "919800000101", "Unassigned Uma", "hi");
        customerWrites(team, sandbox, "919800000102", "Ravi's Rohan", "hi");
        UUID unassigned = awaitChat(team, "919800000101");
        UUID ravis = awaitChat(team, "919800000102");
        assign(team, ravis, ravi);

        AppSession ashaPages = signedIn(team, asha);
        Reply list = ashaPages.get("/app");
        assertThat(list.raw()).contains("Unassigned Uma").doesNotContain("Rohan");
        assertThat(ashaPages.get("/app/chats/" + unassigned).status()).isEqualTo(200);
        assertThat(ashaPages.get("/app/chats/" + ravis).status()).isEqualTo(404);
        assertThat(ashaPages.get("/app/chat-list/rows/" + ravis).raw()).contains("data-remove");
        assertThat(ashaPages.get("/app/chats/" + ravis + "/recent").status()).isEqualTo(404);

        AppSession raviPages = signedIn(team, ravi);
        assertThat(raviPages.get("/app?who=mine").raw()).contains("Rohan").doesNotContain("Uma");
        assertThat(raviPages.get("/app/chats/" + ravis).status()).isEqualTo(200);

        AppSession bossPages = signedIn(team, boss);
        assertThat(bossPages.get("/app").raw()).contains("Uma").contains("Rohan");
        assertThat(bossPages.get("/app?who=unassigned").raw()).contains("Uma").doesNotContain("Rohan");
    }

    @Test
    void anotherTeamsUserSeesNoneOfThisTeamsChats() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000201", "Private Priya", "secret");
        UUID chat = awaitChat(team, "919800000201");
        TestTeam other = newTeam();
        AppSession stranger = signedIn(other, newUser(other, "admin", uniqueEmail("stranger")));
        assertThat(stranger.get("/app").raw()).doesNotContain("Priya");
        assertThat(stranger.get("/app?q=Priya").raw())
                .doesNotContain("Private Priya")
                .contains("No chats here");
        for (String path : new String[] {
            "/app/chats/" + chat, "/app/chats/" + chat + "/recent", "/app/chats/" + chat + "/earlier?before=" + chat
        }) {
            Reply reply = stranger.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.raw()).as(path).doesNotContain("Priya").doesNotContain("secret");
        }
        assertThat(stranger.get("/app/chat-list/rows/" + chat).raw()).contains("data-remove");
    }

    @Test
    void whatCustomersSendIsShownAsTextNeverAsMarkup() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000301", "<script>alert('name')</script>", "<img src=x onerror=alert(1)>");
        UUID chat = awaitChat(team, "919800000301");
        AppSession pages = signedIn(team, newUser(team, "admin", uniqueEmail("xss")));
        Reply list = pages.get("/app");
        assertThat(list.raw())
                .contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x");
        Reply conversation = pages.get("/app/chats/" + chat);
        assertThat(conversation.raw())
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x")
                .doesNotContain("<script>alert");
    }

    @Test
    void aCustomersDocumentIsADownloadNeverAPageOfTheApp() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        String html = "<html><script>alert(document.cookie)</script></html>";
        Reply sent = api().post(
                        "/v1/sandbox/" + sandbox.pluginId() + "/inbound",
                        team.adminToken(),
                        org.openchakra.support.Json.obj(
                                "from",
                                "919800000302",
                                "name",
                                "Dev",
                                "type",
                                "document",
                                "document",
                                org.openchakra.support.Json.obj(
                                        "filename", "<b>invoice</b>.html", "mime_type", "text/html"),
                                "mediaBase64",
                                java.util.Base64.getEncoder()
                                        .encodeToString(html.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        UUID chat = awaitChat(team, "919800000302");
        AppSession pages = signedIn(team, newUser(team, "admin", uniqueEmail("download")));
        String[] href = new String[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"document\" href=\"([^\"]+)\"")
                            .matcher(pages.get("/app/chats/" + chat).raw());
                    if (!m.find()) {
                        return false;
                    }
                    href[0] = m.group(1).replace("&amp;", "&");
                    return true;
                });
        assertThat(pages.get("/app/chats/" + chat).raw())
                .contains("&lt;b&gt;invoice&lt;/b&gt;.html")
                .doesNotContain("<b>invoice");
        Reply download = pages.get(href[0]);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Disposition"))
                .startsWith("attachment;")
                .contains("invoice");
        assertThat(download.raw()).isEqualTo(html);
    }

    @Test
    void badFiltersAndIdsAnswerReadableErrorsNeverA500() {
        TestTeam team = newTeam();
        AppSession pages = signedIn(team, newUser(team, "admin", uniqueEmail("bad")));
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("/app?status=maybe", 400);
        cases.put("/app?who=everyone", 400);
        cases.put("/app?number=123", 400);
        cases.put("/app?q=" + "x".repeat(201), 400);
        cases.put("/app/chat-list?page=0", 400);
        cases.put("/app/chat-list?page=abc", 400);
        cases.put("/app/chats/not-a-uuid", 404);
        cases.put("/app/chats/" + UUID.randomUUID(), 404);
        cases.put("/app/chats/" + UUID.randomUUID() + "/earlier", 400);
        cases.put("/app/chats/" + UUID.randomUUID() + "/earlier?before=nope", 400);
        cases.put("/app/chats/" + UUID.randomUUID() + "/messages/" + UUID.randomUUID() + "/media", 404);
        cases.forEach((path, status) -> {
            Reply reply = pages.get(path);
            assertThat(reply.status()).as(path).isEqualTo(status);
            assertThat(reply.raw()).as(path).contains("class=\"problems\"").doesNotContain("Exception");
        });
        // For htmx, the message goes to the notice area and the page stays.
        Reply htmx = pages.htmx("GET", "/app/chat-list?status=maybe", Map.of());
        assertThat(htmx.status()).isEqualTo(400);
        assertThat(htmx.header("HX-Retarget")).isEqualTo("#notices");
        assertThat(htmx.raw()).contains("&#39;status&#39; must be one of");
    }
}
