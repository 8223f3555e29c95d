package org.openchakra.app.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;

/**
 * The campaign pages over HTTP, signed in as people are: a broadcast made, filled (pasted numbers, a CSV file,
 * a lead query) and run to its report; who may see them (admins of the team only); bad form values.
 */
class CampaignPagesTest extends AppTest {

    @Test
    void anAdminMakesABroadcastFillsItStartsItAndReadsItsReport() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("ines")));
        assertThat(admin.get("/app/campaigns").raw()).contains("No campaigns here yet");
        Reply form = admin.get("/app/campaigns/new?kind=BROADCAST");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.raw()).contains("order_update|en_US").contains(sandbox.pluginId() + ":" + sandbox.numberId());
        Reply fields = admin.get("/app/campaigns/new/fields?index=0&sender=" + sender(sandbox)
                + "&steps%5B0%5D.template=order_update%7Cen_US");
        assertThat(fields.raw()).contains("name=\"steps[0].body.1\"").contains("name=\"steps[0].body.3\"");

        Reply created = admin.post("/app/campaigns", broadcast(sandbox, "Shipping <b>news</b>"));
        assertThat(created.status()).as(created.raw()).isEqualTo(303);
        String page = created.header("Location");
        assertThat(page).matches("/app/campaigns/[0-9a-f-]{36}");

        Reply campaign = admin.get(page);
        assertThat(campaign.raw())
                .contains("Shipping &lt;b&gt;news&lt;/b&gt;")
                .contains("order_update")
                .contains("{{1}} = {{row.name}}")
                .contains("data-status=\"DRAFT\"");

        String[] numbers = {"919811100001", "919811100002", "919811100003", "919811100004"};
        Reply pasted = admin.post(
                page + "/recipients/pasted",
                Map.of("numbers", "+" + numbers[0] + "\n" + numbers[1] + "\n" + numbers[1] + "\nnot a number"));
        assertThat(pasted.status()).as(pasted.raw()).isEqualTo(200);
        assertThat(pasted.raw()).contains("Added 2; 1 duplicate(s) and 1 invalid number(s) left out.");
        Reply csv = admin.multipart(
                page + "/recipients/csv",
                new Multipart()
                        .file(
                                "file",
                                "list.csv",
                                "text/csv",
                                ("phoneNumber,name\n" + numbers[2] + ",Asha\n" + numbers[0] + ",Dup\n")
                                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
        assertThat(csv.raw()).contains("Added 1; 1 duplicate(s)");
        Reply removed = admin.post(page + "/recipients/remove", Map.of("phoneNumber", numbers[1]));
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        Reply query = admin.post(page + "/recipients/query", Map.of("procedure", "lead", "key1", "", "value1", ""));
        assertThat(query.status()).as(query.raw()).isEqualTo(200);

        Reply started = admin.post(page + "/start", Map.of("when", "now"));
        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> admin.get(page + "/report").raw().contains("data-status=\"COMPLETED\""));
        Reply report = admin.get(page + "/report");
        assertThat(count(report.raw(), "total")).isEqualTo(3);
        assertThat(count(report.raw(), "removed")).isEqualTo(1);
        assertThat(count(report.raw(), "completed")).isEqualTo(1);
        assertThat(count(report.raw(), "failed")).isEqualTo(1);
        Reply failedOnes = admin.get(page + "/recipients?status=FAILED");
        assertThat(failedOnes.raw()).contains(numbers[0]).doesNotContain(numbers[2]);

        Reply reportCsv = admin.get(page + "/report.csv");
        assertThat(reportCsv.status()).isEqualTo(200);
        assertThat(reportCsv.header("Content-Disposition")).startsWith("attachment; filename=\"campaign-");
        assertThat(reportCsv.raw())
                .startsWith("lead,phoneNumber,status,reason")
                .contains(numbers[2] + ",COMPLETED")
                .contains(numbers[1] + ",REMOVED");

        Reply list = admin.get("/app/campaigns?status=COMPLETED");
        assertThat(list.raw()).contains("Shipping &lt;b&gt;news&lt;/b&gt;").contains("3 of 3 done");
        assertThat(admin.get("/app/campaigns?status=DRAFT").raw()).doesNotContain("Shipping");
    }

    @Test
    void aDripCampaignHasStepsWithDelaysAndShowsItsEnrolments() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("dara")));
        admin.get("/app/campaigns/new?kind=DRIP");
        Reply step = admin.get("/app/campaigns/new/step?nextIndex=1&sender=" + sender(sandbox));
        assertThat(step.raw()).contains("name=\"steps[1].template\"").contains("hx-swap-oob");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "Onboarding");
        form.put("kind", "DRIP");
        form.put("sender", sender(sandbox));
        form.put("stopOnReply", "on");
        form.put("steps[0].template", "hello_world|en_US");
        form.put("steps[0].delayMinutes", "0");
        form.put("steps[3].template", "order_update|en_US");
        form.put("steps[3].delayMinutes", "1440");
        form.put("steps[3].body.1", "{{process.data.name}}");
        form.put("steps[3].body.2", "A-1");
        form.put("steps[3].body.3", "Friday");
        Reply created = admin.post("/app/campaigns", form);
        assertThat(created.status()).as(created.raw()).isEqualTo(303);
        String page = created.header("Location");
        Reply view = admin.get(page);
        assertThat(view.raw())
                .contains("Drip campaign")
                .contains("after 1,440 min")
                .contains("Enrolments");
        admin.post(page + "/recipients/pasted", Map.of("numbers", "919822200001"));
        admin.post(page + "/start", Map.of("when", "now"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> admin.get(page + "/recipients?status=ACTIVE").raw().contains("919822200001"));
        assertThat(admin.get(page + "/recipients?status=ACTIVE").raw()).contains("step 2 at");
        Reply paused = admin.post(page + "/pause", Map.of());
        assertThat(paused.raw()).contains("data-status=\"PAUSED\"");
        Reply resumed = admin.post(page + "/resume", Map.of());
        assertThat(resumed.raw()).contains("data-status=\"RUNNING\"");
        Reply cancelled = admin.post(page + "/cancel", Map.of());
        assertThat(cancelled.raw()).contains("data-status=\"CANCELLED\"");
        // The page that cancelled it drops its form to add recipients (the service would refuse them).
        assertThat(cancelled.raw()).contains("id=\"add-recipients\" hx-swap-oob=\"delete\"");
        assertThat(admin.get(page).raw()).doesNotContain("id=\"add-recipients\"");
        Reply refused = admin.post(page + "/recipients/pasted", Map.of("numbers", "919822200002"));
        assertThat(refused.status()).isEqualTo(409);
    }

    @Test
    void aBroadcastStartsAtTheTimeTheAdminChose() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("sol")));
        admin.get("/app/campaigns");
        String page = admin.post("/app/campaigns", broadcast(sandbox, "Later")).header("Location");
        admin.post(page + "/recipients/pasted", Map.of("numbers", "919833300001"));
        Reply scheduled = admin.post(page + "/start", Map.of("when", "at", "startAt", "2999-01-01T09:00"));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        assertThat(scheduled.raw()).contains("data-status=\"SCHEDULED\"").contains("2999");
        Reply past = admin.post(page + "/pause", Map.of());
        assertThat(past.raw()).contains("data-status=\"PAUSED\"");
    }

    @Test
    void onlyTheTeamsAdminsSeeItsCampaigns() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("own")));
        admin.get("/app/campaigns");
        String page = admin.post("/app/campaigns", broadcast(sandbox, "Private plans"))
                .header("Location");
        admin.post(page + "/recipients/pasted", Map.of("numbers", "919844400001"));

        TestTeam other = newTeam();
        AppSession stranger = signedIn(other, newUser(other, "admin", uniqueEmail("stranger")));
        assertThat(stranger.get("/app/campaigns").raw()).doesNotContain("Private plans");
        for (String path : List.of(page, page + "/report", page + "/recipients", page + "/report.csv")) {
            Reply reply = stranger.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.raw()).as(path).doesNotContain("Private plans").doesNotContain("919844400001");
        }
        stranger.get("/app/campaigns");
        for (String action : List.of(
                "/start",
                "/pause",
                "/resume",
                "/cancel",
                "/recipients/pasted",
                "/recipients/query",
                "/recipients/remove")) {
            Reply reply =
                    stranger.post(page + action, Map.of("numbers", "919844400002", "phoneNumber", "919844400001"));
            assertThat(reply.status()).as(action).isEqualTo(404);
        }
        Reply upload = stranger.multipart(
                page + "/recipients/csv",
                new Multipart().file("file", "x.csv", "text/csv", "phoneNumber\n919844400003\n".getBytes()));
        assertThat(upload.status()).isEqualTo(404);
        // Nothing changed: still a draft with its one recipient.
        Reply mine = admin.get(page + "/report");
        assertThat(mine.raw()).contains("data-status=\"DRAFT\"");
        assertThat(count(mine.raw(), "total")).isEqualTo(1);
        // The other team's form offers none of this team's numbers, and refuses them.
        assertThat(stranger.get("/app/campaigns/new").raw()).doesNotContain(sandbox.numberId());
        assertThat(stranger.post("/app/campaigns", broadcast(sandbox, "Theirs")).status())
                .isEqualTo(400);

        AppSession agent = signedIn(team, newUser(team, "agent", uniqueEmail("agent")));
        for (String path : List.of("/app/campaigns", "/app/campaigns/new", page, page + "/report.csv")) {
            assertThat(agent.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(agent.get("/app").raw()).doesNotContain("/app/campaigns");
    }

    @Test
    void badFormValuesAnswerReadableErrorsNeverA500() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        AppSession admin = signedIn(team, newUser(team, "admin", uniqueEmail("bad")));
        admin.get("/app/campaigns");
        String page = admin.post("/app/campaigns", broadcast(sandbox, "Fine")).header("Location");

        Map<String, Map<String, String>> creates = new LinkedHashMap<>();
        creates.put("no name", with(broadcast(sandbox, ""), Map.of()));
        creates.put("no sender", with(broadcast(sandbox, "x"), Map.of("sender", "")));
        creates.put("bad sender", with(broadcast(sandbox, "x"), Map.of("sender", "nonsense")));
        creates.put("no template", with(broadcast(sandbox, "x"), Map.of("steps[0].template", "")));
        creates.put("unknown template", with(broadcast(sandbox, "x"), Map.of("steps[0].template", "nope|en_US")));
        creates.put("bad cap", with(broadcast(sandbox, "x"), Map.of("throughputMps", "fast")));
        creates.put("zero cap", with(broadcast(sandbox, "x"), Map.of("throughputMps", "0")));
        creates.put("bad kind", with(broadcast(sandbox, "x"), Map.of("kind", "SPAM")));
        creates.put(
                "two broadcast steps", with(broadcast(sandbox, "x"), Map.of("steps[1].template", "hello_world|en_US")));
        Map<String, String> negativeDelay =
                with(broadcast(sandbox, "x"), Map.of("kind", "DRIP", "steps[0].delayMinutes", "-5"));
        creates.put("negative delay", negativeDelay);
        Map<String, String> noSteps = broadcast(sandbox, "x");
        noSteps.keySet().removeIf(k -> k.startsWith("steps"));
        creates.put("no steps", noSteps);
        creates.forEach((what, form) -> problem(admin.post("/app/campaigns", form), 400, what));

        problem(admin.post(page + "/start", Map.of("when", "at")), 400, "start at without a time");
        problem(admin.post(page + "/start", Map.of("when", "at", "startAt", "soon")), 400, "start at garbage");
        problem(
                admin.post(page + "/start", Map.of("when", "at", "startAt", "2001-01-01T10:00")),
                400,
                "start in the past");
        problem(admin.post(page + "/start", Map.of("when", "later")), 400, "start when?");
        problem(admin.post(page + "/pause", Map.of()), 409, "pause a draft");
        problem(admin.post(page + "/recipients/pasted", Map.of()), 400, "nothing pasted");
        problem(admin.post(page + "/recipients/query", Map.of("where", "{not json")), 400, "where not JSON");
        problem(admin.post(page + "/recipients/query", Map.of("where", "[1]")), 400, "where not an object");
        problem(admin.post(page + "/recipients/query", Map.of("procedure", "nope")), 400, "unknown procedure");
        problem(admin.post(page + "/recipients/query", Map.of("value1", "x")), 400, "value without attribute");
        problem(
                admin.post(page + "/recipients/query", Map.of("key1", "nosuchattribute", "value1", "x")),
                400,
                "unknown attribute");
        problem(admin.post(page + "/recipients/remove", Map.of()), 400, "remove without number");
        problem(admin.multipart(page + "/recipients/csv", new Multipart().field("x", "y")), 400, "no file");
        problem(
                admin.multipart(
                        page + "/recipients/csv",
                        new Multipart().file("file", "x.csv", "text/csv", "name\nAsha\n".getBytes())),
                400,
                "csv without phoneNumber");
        for (String path : List.of(
                "/app/campaigns?status=maybe",
                "/app/campaigns?page=0",
                "/app/campaigns?page=x",
                "/app/campaigns/new?kind=SPAM",
                "/app/campaigns/new?sender=nope",
                "/app/campaigns/new/fields?index=x",
                "/app/campaigns/new/step?nextIndex=0&sender=" + sender(sandbox),
                page + "/recipients?status=maybe",
                page + "/recipients?deliveryStatus=maybe",
                page + "/recipients?phoneNumber=abc",
                page + "/recipients?page=0")) {
            problem(admin.get(path), 400, path);
        }
        for (String path : List.of("/app/campaigns/not-a-uuid", "/app/campaigns/" + UUID.randomUUID() + "/report")) {
            problem(admin.get(path), 404, path);
        }
        // For htmx, the message goes to the notice area and the page stays.
        Reply htmx = admin.htmx("POST", "/app/campaigns", broadcast(sandbox, ""));
        assertThat(htmx.status()).isEqualTo(400);
        assertThat(htmx.header("HX-Retarget")).isEqualTo("#notices");
        // Nothing was made by any of it: the one campaign is still alone and a draft.
        Reply list = admin.get("/app/campaigns");
        assertThat(list.raw().split("data-campaign=", -1)).hasSize(2);
    }

    private static void problem(Reply reply, int status, String what) {
        assertThat(reply.status()).as(what + ": " + reply.raw()).isEqualTo(status);
        assertThat(reply.raw()).as(what).contains("class=\"problems\"").doesNotContain("Exception");
    }

    private static String sender(Sandbox sandbox) {
        return sandbox.pluginId() + ":" + sandbox.numberId();
    }

    private static Map<String, String> broadcast(Sandbox sandbox, String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("kind", "BROADCAST");
        form.put("sender", sender(sandbox));
        form.put("steps[0].template", "order_update|en_US");
        form.put("steps[0].body.1", "{{row.name}}");
        form.put("steps[0].body.2", "#42");
        form.put("steps[0].body.3", "Monday");
        form.put("throughputMps", "");
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, Map<String, String> changes) {
        Map<String, String> changed = new LinkedHashMap<>(form);
        changed.putAll(changes);
        return changed;
    }

    /** A count of the report, as the page shows it. */
    private static long count(String html, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "data-count=\"" + key + "\">\\s*<dt>[^<]*</dt>\\s*<dd>(\\d+)</dd>")
                .matcher(html);
        assertThat(m.find()).as("count " + key + " in " + html).isTrue();
        return Long.parseLong(m.group(1));
    }
}
