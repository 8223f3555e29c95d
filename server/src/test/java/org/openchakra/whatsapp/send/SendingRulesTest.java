package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;
import static org.openchakra.whatsapp.send.PassThroughSendTest.assertMetaError;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.InboundMessage;
import org.openchakra.support.Reply;

/** whatsapp.md §8: the 24-hour window, the sender number's throughput and Meta's pair rate. */
class SendingRulesTest extends SendTestBase {

    @Test
    void aFreeFormMessageOutsideTheWindowIsRefusedLocallyWith131047AndNotRecorded() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String neverWrote = nextCustomer();
        String wroteLongAgo = nextCustomer();
        setLastInbound(
                plugin, wroteLongAgo, Instant.now().minus(Duration.ofHours(24).plusMinutes(1)));

        for (String customer : List.of(neverWrote, wroteLongAgo)) {
            Reply reply = send(plugin, text("+" + customer, "Are you still there?"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertMetaError(reply, 131047);
            assertThat(reply.json().path("error").path("message").asString())
                    .isEqualTo("(#131047) Re-engagement message");
            assertThat(reply.json()
                            .path("error")
                            .path("error_data")
                            .path("details")
                            .asString())
                    .contains("24 hours");
        }
        Reply image = send(
                plugin,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        neverWrote,
                        "type",
                        "image",
                        "image",
                        obj("link", "https://example.com/a.jpg")));
        assertThat(image.status()).isEqualTo(400);
        assertMetaError(image, 131047);
        assertThat(outboxSize(plugin)).isZero();
        assertThat(recordedCount(team)).isZero();
    }

    @Test
    void insideTheWindowAFreeFormMessageGoesOut() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        // 23 h 59 min ago is still inside; Meta's side was opened just now by the injected message.
        setLastInbound(
                plugin, customer, Instant.now().minus(Duration.ofHours(24).minusMinutes(1)));
        sendOk(plugin, text(customer, "Still inside"));
    }

    @Test
    void aCustomersMessageThroughMetasWebhookOpensTheWindow() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        assertThat(send(plugin, text(customer, "Too early")).status()).isEqualTo(400);
        meta.setWebhook(plugin.wabaId(), api().baseUrl() + "/webhooks/meta", null, null);
        meta.injectInbound(plugin.numberId(), InboundMessage.text("+" + customer, "Hello, is my order ready?"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM customer_window"
                                        + " WHERE team_id = :team AND contact_identifier = :contact")
                                .param("team", team.id())
                                .param("contact", customer)
                                .query(Long.class)
                                .single()
                        == 1);
        sendOk(plugin, text(customer, "Yes, it ships today"));
    }

    @Test
    void templatesReactionsReceiptsAndTypingAreNotWindowCheckedLocally() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();

        Reply template = sendOk(
                plugin,
                template(
                        customer,
                        obj("name", "hello_world", "language", obj("policy", "deterministic", "code", "en_US"))));
        assertThat(recorded(team, template).deliveryStatus()).isIn("SENT", "DELIVERED", "READ");

        // Meta treats a reaction as a free-form message: outside its window it answers 131047 itself,
        // which is relayed and recorded like any refusal of Meta's.
        Reply reaction = send(
                plugin,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        customer,
                        "type",
                        "reaction",
                        "reaction",
                        obj(
                                "message_id",
                                template.data().path("whatsappMessageId").asString(),
                                "emoji",
                                "👍")));
        assertThat(reaction.status()).as(reaction.toString()).isEqualTo(400);
        assertMetaError(reaction, 131047);
        assertThat(newestFailed(team, 131047).dataType()).isEqualTo("reaction");

        String inbound = meta.injectInbound(plugin.numberId(), InboundMessage.text("+" + customer, "hi"));
        Reply receipt = send(
                plugin,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "status",
                        "read",
                        "message_id",
                        inbound,
                        "typing_indicator",
                        obj("type", "text")));
        assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);
    }

    @Test
    void aTeamThatTurnedTheCheckOffLeavesTheWindowToMeta() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("enforceCustomerServiceWindow")
                        .asBoolean())
                .isTrue();

        Reply off = api().put("/v1/admin/team", team.adminToken(), obj("enforceCustomerServiceWindow", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.data().path("enforceCustomerServiceWindow").asBoolean()).isFalse();
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("enforceCustomerServiceWindow")
                        .asBoolean())
                .isFalse();

        // Meta's own window is closed too: Meta refuses, and the refusal is relayed and recorded.
        Reply reply = send(plugin, text(customer, "Outside"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertMetaError(reply, 131047);
        newestFailed(team, 131047);
        assertThat(outboxSize(plugin)).isZero();

        // Meta's window open, OpenChakra's record empty: only the team's setting lets it through.
        meta.injectInbound(plugin.numberId(), InboundMessage.text("+" + customer, "hi"));
        sendOk(plugin, text(customer, "Now inside Meta's window"));

        Reply on = api().put("/v1/admin/team", team.adminToken(), obj("enforceCustomerServiceWindow", true));
        assertThat(on.data().path("enforceCustomerServiceWindow").asBoolean()).isTrue();
        Reply refused = send(plugin, text(customer, "Refused again"));
        assertThat(refused.status()).isEqualTo(400);
        assertMetaError(refused, 131047);

        Reply bad = api().put("/v1/admin/team", team.adminToken(), obj("enforceCustomerServiceWindow", "sometimes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstError()).contains("enforceCustomerServiceWindow");
    }

    @Test
    void aNumberOverItsThroughputGets429InMetasFormatWithoutCallingMeta() throws Exception {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team, 2);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            customers.add(nextCustomer());
        }
        customers.forEach(c -> setLastInbound(plugin, c, Instant.now()));
        meta.switches().enforceWindow(false);
        List<Reply> replies = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reply>> futures = new ArrayList<>();
            for (String customer : customers) {
                futures.add(pool.submit((Callable<Reply>) () -> send(plugin, text(customer, "Burst"))));
            }
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
        } finally {
            meta.switches().enforceWindow(true);
        }
        Duration took = since(start);

        List<Reply> sent = replies.stream().filter(r -> r.status() == 200).toList();
        List<Reply> refused = replies.stream().filter(r -> r.status() == 429).toList();
        assertThat(sent.size() + refused.size()).as(replies.toString()).isEqualTo(customers.size());
        // Two at once (the bucket holds one second's worth), up to two more within the second a send may wait.
        assertThat(sent.size()).as(replies.toString()).isBetween(2, 4 + (int) took.toSeconds() * 2);
        assertThat(refused).isNotEmpty();
        for (Reply reply : refused) {
            assertMetaError(reply, 130429);
            assertThat(reply.header("Retry-After")).isEqualTo("1");
            assertThat(reply.json()
                            .path("error")
                            .path("error_data")
                            .path("details")
                            .asString())
                    .contains("throughput");
        }
        assertThat(outboxSize(plugin)).isEqualTo(sent.size());
        assertThat(recordedCount(team)).isEqualTo(sent.size());
    }

    @Test
    void aSendThatFindsNoTokenWaitsForTheNextOne() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team, 1);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        sendOk(plugin, text(customer, "one"));
        // The token spent is gone for a second: the next send waits for it (up to 1 s), then goes out.
        long start = System.nanoTime();
        sendOk(plugin, text(customer, "two"));
        assertThat(since(start)).isGreaterThan(Duration.ofMillis(500));
        Long rows = jdbc.sql("SELECT count(*) FROM rate_limit_bucket WHERE id = :id")
                .param("id", SenderThroughput.key(plugin.numberId(), 1))
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void metasPairRateIsNotBlockedButItsRefusalIsRelayedAndRecorded() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team, 1000);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        Reply last = null;
        int sent = 0;
        // Meta lets about 45 messages to one customer through in a burst, then answers 131056.
        for (int i = 0; i < 60; i++) {
            last = send(plugin, text(customer, "Message " + i));
            if (last.status() != 200) {
                break;
            }
            sent++;
        }
        assertThat(sent).isGreaterThanOrEqualTo(40);
        assertThat(last.status()).as(last.toString()).isEqualTo(400);
        assertMetaError(last, 131056);
        newestFailed(team, 131056);
        assertThat(recordedCount(team)).isEqualTo(sent + 1);
    }

    @Test
    void aLocalRefusalAnswersEvenAClientThatAcceptsNoJson() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        Reply reply = api().send(
                        "POST",
                        plugin.messagesPath(),
                        team.adminToken(),
                        org.openchakra.support.ApiClient.JSON.writeValueAsString(text(nextCustomer(), "x")),
                        Map.of("Accept", "image/png"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertMetaError(reply, 131047);
    }

    @Test
    void aSentMessageIsAnsweredAsSentEvenToAClientThatAcceptsNoJson() {
        // The message reached Meta and is recorded: a 406 now would tell the caller it failed, and a retry would
        // send it twice.
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        Reply reply = api().send(
                        "POST",
                        plugin.messagesPath(),
                        team.adminToken(),
                        org.openchakra.support.ApiClient.JSON.writeValueAsString(text("+" + customer, "x")),
                        Map.of("Accept", "image/png"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.data().path("whatsappMessageId").asString()).startsWith("wamid.");
        assertThat(recorded(team, reply).deliveryStatus()).isEqualTo("SENT");
        assertThat(recordedCount(team)).isEqualTo(1);
    }
}
