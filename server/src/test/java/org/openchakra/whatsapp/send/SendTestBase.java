package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.StoredMessages;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.InboundMessage;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the sending tests share: a test-owned Meta simulator standing in for graph.facebook.com, CLOUD_API
 * plugins pointing at it (fresh WABA and number ids per plugin: the test database is shared), customers
 * whose 24-hour window is open on both sides, and the chat messages OpenChakra recorded.
 */
abstract class SendTestBase extends MetaSimulatorTest {

    static final String VERSION = "v23.0";
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Autowired
    JdbcClient jdbc;

    StoredMessages messages;

    @Autowired
    void storedMessages(ApplicationContext context) {
        messages = new StoredMessages(context);
    }

    /** A customer's phone number (digits), unique, so that pair-rate limits of one test never touch another. */
    static String nextCustomer() {
        return "9198" + String.format("%08d", IDS.incrementAndGet() % 100_000_000L);
    }

    /** A CLOUD_API plugin of {@code team} with one number, registered with the simulator. */
    record CloudPlugin(TestTeam team, String id, String wabaId, String numberId, String accessToken) {

        String messagesPath(String version) {
            return "/v1/ext/plugin/whatsapp/" + id + "/api/" + version + "/" + numberId + "/messages";
        }

        String messagesPath() {
            return messagesPath(VERSION);
        }
    }

    /**
     * A plugin whose number OpenChakra paces at {@code throughputMps}. The simulator's own bucket for the
     * number is high, so that any 130429 a test sees is OpenChakra's.
     */
    CloudPlugin cloudPlugin(TestTeam team, int throughputMps) {
        String waba = nextId();
        String number = nextId();
        String token = "EAAB-" + waba;
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken(token)
                .appSecret("app-secret")
                .phoneNumber(PhoneNumberSpec.of(number, "+1 555-010-" + number.substring(number.length() - 4))
                        .withThroughputMps(10_000))
                .build());
        meta.seedSandboxTemplates(waba);
        Reply created = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj(
                                "name",
                                "Cloud " + waba,
                                "graphBaseUrl",
                                meta.baseUrl(),
                                "accessToken",
                                token,
                                "appSecret",
                                "app-secret",
                                "wabas",
                                List.of(obj(
                                        "id",
                                        waba,
                                        "phoneNumbers",
                                        List.of(obj(
                                                "id",
                                                number,
                                                "displayPhoneNumber",
                                                "+1 555 0100",
                                                "throughputMps",
                                                throughputMps))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new CloudPlugin(team, created.data().path("id").asString(), waba, number, token);
    }

    CloudPlugin cloudPlugin(TestTeam team) {
        return cloudPlugin(team, 80);
    }

    /**
     * Opens the customer's 24-hour window on both sides and answers the wamid of the customer's message.
     * OpenChakra's record of the window (customer_window) is written by the inbound webhook path; these tests
     * are about sending, so they write the row themselves (written before the inbound feature existed, and
     * kept: it is synchronous and names the exact time). The simulator gets a real inbound message, so that
     * Meta's own window is open too. {@code SendingRulesTest} opens one window through the real webhook path.
     */
    String openWindow(CloudPlugin plugin, String customer) {
        setLastInbound(plugin, customer, Instant.now());
        return meta.injectInbound(plugin.numberId(), InboundMessage.text("+" + customer, "Hi there"));
    }

    /** OpenChakra's record of the customer's last message (see {@link #openWindow}). */
    void setLastInbound(CloudPlugin plugin, String customer, Instant at) {
        jdbc.sql("""
                INSERT INTO customer_window (team_id, whatsapp_phone_number_id, contact_identifier, last_inbound_at)
                VALUES (:team, :pnid, :contact, :at)
                ON CONFLICT (team_id, whatsapp_phone_number_id, contact_identifier)
                DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at""")
                .param("team", plugin.team().id())
                .param("pnid", plugin.numberId())
                .param("contact", customer)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    Reply send(CloudPlugin plugin, Object body) {
        return api().post(plugin.messagesPath(), plugin.team().adminToken(), body);
    }

    /** Sends and expects Meta to have accepted it; answers OpenChakra's answer. */
    Reply sendOk(CloudPlugin plugin, Object body) {
        Reply reply = send(plugin, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.data().path("whatsappMessageId").asString()).startsWith("wamid.");
        return reply;
    }

    ChatMessage recorded(TestTeam team, Reply reply) {
        UUID id = UUID.fromString(reply.data().path("chatMessageId").asString());
        return messages.find(team.id(), id).orElseThrow();
    }

    long recordedCount(TestTeam team) {
        return jdbc.sql("SELECT count(*) FROM chat_message WHERE team_id = :team")
                .param("team", team.id())
                .query(Long.class)
                .single();
    }

    /** The team's newest chat message, for answers (502, 504) that carry no chat message id. */
    Optional<ChatMessage> newest(TestTeam team) {
        return jdbc.sql("SELECT id FROM chat_message WHERE team_id = :team ORDER BY created_at DESC, id DESC LIMIT 1")
                .param("team", team.id())
                .query(UUID.class)
                .optional()
                .flatMap(id -> messages.find(team.id(), id));
    }

    /** The team's newest chat message, which must be a FAILED one with Meta's (or the gateway's) error code. */
    ChatMessage newestFailed(TestTeam team, int code) {
        ChatMessage message = newest(team).orElseThrow();
        assertThat(message.deliveryStatus()).isEqualTo("FAILED");
        assertThat(message.externalId()).isNull();
        assertThat(message.errors().path(0).path("code").asInt())
                .as(message.errors().toString())
                .isEqualTo(code);
        return message;
    }

    /** How many sends the simulator accepted from the plugin's number. */
    static int outboxSize(CloudPlugin plugin) {
        return meta.outbox(plugin.numberId()).size();
    }

    static Object text(String to, String body) {
        return obj(
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                to,
                "type",
                "text",
                "text",
                obj("preview_url", false, "body", body));
    }

    /** A template message to {@code to}: {@code template} is its {@code name} and {@code language} object. */
    static Object template(String to, Object template) {
        return obj("messaging_product", "whatsapp", "to", to, "type", "template", "template", template);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
