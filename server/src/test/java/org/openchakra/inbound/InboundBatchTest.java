package org.openchakra.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchakra.chat.StoredMessages;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.MetaNotifications;
import org.openchakra.support.SentMessages;
import org.openchakra.support.TestReceiver;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch of notifications applied together (their inbound messages stored with one statement of each kind) leaves
 * exactly the rows and customer events that the same notifications leave applied one at a time: two teams get the
 * same notifications, one customer's, held back so that they are processed as one batch; in the second team a message
 * the database refuses makes that batch roll back and be applied one notification at a time (the path every batch
 * took before), and both teams end alike.
 */
class InboundBatchTest extends MetaSimulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** NotificationStore's advisory lock class of the queues. */
    private static final int QUEUE_LOCK_CLASS = 0x4F434951;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private record Setup(TestTeam team, UUID pluginId, String waba, String pnid, String appSecret) {}

    private Setup setup() {
        TestTeam team = newTeam();
        String waba = nextId();
        String pnid = nextId();
        String secret = "app-secret-" + waba;
        String pluginId = CloudPlugins.connect(
                api(), team.adminToken(), meta.baseUrl(), "EAAB-" + waba, secret, waba, obj("id", pnid));
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("EAAB-" + waba)
                .appSecret(secret)
                .webhookUrl(api().baseUrl() + "/webhooks/meta")
                .phoneNumber(pnid, "+1 555-000-1111")
                .build());
        assertThat(api().post(
                                "/v1/ext/plugin/whatsapp/" + pluginId + "/update-config",
                                team.adminToken(),
                                obj(
                                        "enableChakraWebhook",
                                        true,
                                        "chakraWebhookUrl",
                                        receiver.url("/chakra"),
                                        "whichChakraWebhookEventsToSend",
                                        List.of("message", "status", "smb_message_echo"),
                                        "passThroughWebhookUrl",
                                        receiver.url("/raw")))
                        .status())
                .isEqualTo(200);
        return new Setup(team, UUID.fromString(pluginId), waba, pnid, secret);
    }

    @Test
    void aBatchLeavesTheRowsAndEventsOfItsNotificationsOneAtATime() throws Exception {
        Setup batched = setup();
        Setup oneByOne = setup();
        // A new customer, and one with a chat (an outgoing message) whose notifications share the new one's queue in
        // both teams, so that all of them make one batch.
        String customer = "9193" + String.valueOf(System.nanoTime()).substring(5, 13);
        String known = jdbc.sql(
                        "SELECT z FROM (SELECT '9194' || lpad(g::text, 8, '0') AS z FROM generate_series(0, 99999) g) s"
                                + " WHERE hashtextextended(:a || ':' || z, 0) & 31 = hashtextextended(:a || ':' || :c, 0) & 31"
                                + " AND hashtextextended(:b || ':' || z, 0) & 31 = hashtextextended(:b || ':' || :c, 0) & 31"
                                + " LIMIT 1")
                .param("a", batched.pnid())
                .param("b", oneByOne.pnid())
                .param("c", customer)
                .query(String.class)
                .single();
        String poison = "wamid.batch-last";
        String function = "test_refuse_" + oneByOne.pluginId().toString().replace("-", "");
        jdbc.sql("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.plugin_id = '" + oneByOne.pluginId() + "' AND NEW.external_id = '" + poison + "'"
                        + " THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$")
                .update();
        jdbc.sql("CREATE TRIGGER " + function + " BEFORE INSERT ON chat_message FOR EACH ROW EXECUTE FUNCTION "
                        + function + "()")
                .update();
        try {
            InboundWorker worker = context.getBean(InboundWorker.class);
            long redone = worker.batchesRedone();
            applyTogether(batched, customer, known);
            assertThat(worker.batchesRedone()).as("applied as one batch").isEqualTo(redone);
            applyTogether(oneByOne, customer, known);
            assertThat(worker.batchesRedone()).as("applied one at a time").isEqualTo(redone + 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("SELECT attempts FROM meta_notification WHERE convert_from(body, 'UTF8')"
                                            + " LIKE :p")
                                    .param("p", "%" + oneByOne.waba() + "%" + poison + "%")
                                    .query(Integer.class)
                                    .optional()
                                    .orElse(0)
                            >= 1);
        } finally {
            jdbc.sql("DROP TRIGGER " + function + " ON chat_message").update();
            jdbc.sql("DROP FUNCTION " + function + "()").update();
        }
        // The refused message is tried again on its own, and both teams have every notification applied.
        for (Setup s : List.of(batched, oneByOne)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> messages(s, poison) == 1);
        }

        List<String> expected = snapshot(batched);
        assertThat(snapshot(oneByOne)).containsExactlyElementsOf(expected);
        // What the batch came to, so that the comparison above compares something.
        assertThat(expected.stream().filter(r -> r.startsWith("chat ")))
                .hasSize(2)
                .anySatisfy(chat -> assertThat(chat)
                        .startsWith("chat " + customer + " name=Asha R status=OPEN unread=5 lead=lead:" + customer
                                + " last={\"id\": \"msg:" + poison + "\", \"text\": \"last\","
                                + " \"direction\": \"INBOUND\", \"timestamp\": 1750000003000}"))
                .anySatisfy(chat -> assertThat(chat)
                        .startsWith("chat " + known + " name=null status=OPEN unread=1 lead=lead:" + known
                                + " last={\"id\": \"msg:wamid.batch-z1\", \"text\": \"from z\","
                                + " \"direction\": \"INBOUND\", \"timestamp\": 1750000001000}"));
        assertThat(expected.stream().filter(r -> r.startsWith("message ")))
                .containsExactly(
                        "message " + customer + " wamid.batch-m1 INBOUND RECEIVED text=hello reply=null",
                        "message " + customer + " wamid.batch-m2 INBOUND RECEIVED text=second reply=msg:wamid.batch-m1",
                        "message " + customer + " wamid.batch-echo OUTBOUND DELIVERED text=from the app reply=null",
                        "message " + customer + " wamid.batch-m4 INBOUND RECEIVED text=fourth reply=null",
                        "message " + customer + " wamid.batch-m3 INBOUND RECEIVED text=third reply=null",
                        "message " + customer + " " + poison + " INBOUND RECEIVED text=last reply=null",
                        "message " + known + " wamid.batch-out OUTBOUND READ text=hi reply=null",
                        "message " + known + " wamid.batch-z1 INBOUND RECEIVED text=from z reply=null");
        assertThat(expected.stream().filter(r -> r.startsWith("event CHAKRA message ")))
                .as("one message event per message: the repeated one makes none")
                .hasSize(6);
        assertThat(expected.stream().filter(r -> r.startsWith("process "))).hasSize(2);
    }

    /** The test's notifications, posted while their queue is held, so that one transaction applies them. */
    private void applyTogether(Setup s, String customer, String known) throws Exception {
        UUID out = new StoredMessages(context)
                .recordOutgoing(SentMessages.passThroughText(
                        s.team().id(), s.pluginId(), s.pnid(), known, "hi", "PENDING", "wamid.batch-out"))
                .id();
        // As if sent just before the notifications' times, the same in both teams.
        jdbc.sql("UPDATE chat_message SET timestamp = to_timestamp(1749999999) WHERE team_id = :team AND id = :id")
                .param("team", s.team().id())
                .param("id", out)
                .update();
        jdbc.sql("UPDATE chat SET last_message_at = to_timestamp(1749999999),"
                        + " last_message = jsonb_set(last_message, '{timestamp}', '1749999999000')"
                        + " WHERE team_id = :team AND contact_identifier = :known")
                .param("team", s.team().id())
                .param("known", known)
                .update();
        String contacts = "\"contacts\":[{\"profile\":{\"name\":\"%s\"},\"wa_id\":\"" + customer + "\"}],";
        String first =
                contacts.formatted("Asha") + messages(text(customer, "wamid.batch-m1", 1750000000, "hello", null));
        List<byte[]> notifications = new ArrayList<>();
        // The new customer's first message, a second one under another profile name quoting the first, the first
        // delivered again by Meta.
        notifications.add(MetaNotifications.of(s.waba(), s.pnid(), first));
        notifications.add(MetaNotifications.of(
                s.waba(),
                s.pnid(),
                contacts.formatted("Asha R")
                        + messages(text(customer, "wamid.batch-m2", 1750000001, "second", "wamid.batch-m1"))));
        notifications.add(MetaNotifications.of(s.waba(), s.pnid(), first));
        // A status of the outgoing message and a message of its customer, who has a chat but no lead.
        notifications.add(
                MetaNotifications.of(s.waba(), s.pnid(), statuses(status("wamid.batch-out", "delivered", known))));
        notifications.add(MetaNotifications.of(
                s.waba(), s.pnid(), messages(text(known, "wamid.batch-z1", 1750000001, "from z", null))));
        // A message the business sent from the app, and its status, which names a message not stored when the batch
        // began.
        notifications.add(echo(s, customer, "wamid.batch-echo"));
        notifications.add(
                MetaNotifications.of(s.waba(), s.pnid(), statuses(status("wamid.batch-echo", "delivered", customer))));
        // Two messages in one notification, the second older, then the read of the outgoing message.
        notifications.add(MetaNotifications.of(
                s.waba(),
                s.pnid(),
                contacts.formatted("Asha R")
                        + messages(
                                text(customer, "wamid.batch-m3", 1750000003, "third", null),
                                text(customer, "wamid.batch-m4", 1750000002, "fourth", null))));
        notifications.add(MetaNotifications.of(s.waba(), s.pnid(), statuses(status("wamid.batch-out", "read", known))));
        notifications.add(MetaNotifications.of(
                s.waba(), s.pnid(), messages(text(customer, "wamid.batch-last", 1750000003, "last", null))));

        try (Connection held = dataSource.getConnection()) {
            queueLock(held, "pg_advisory_lock", s.pnid() + ":" + customer);
            for (byte[] body : notifications) {
                HttpResponse<String> answer = HTTP.send(
                        HttpRequest.newBuilder(URI.create(api().baseUrl() + "/webhooks/meta"))
                                .header("X-Hub-Signature-256", MetaNotifications.signature(s.appSecret(), body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            queueLock(held, "pg_advisory_unlock", s.pnid() + ":" + customer);
        }
        context.getBean(InboundWorker.class).wake();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("SELECT count(*) FROM meta_notification WHERE convert_from(body, 'UTF8') LIKE :p"
                                        + " AND attempts = 0")
                                .param("p", "%\"" + s.waba() + "\"%")
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    private static void queueLock(Connection connection, String function, String orderKey) throws Exception {
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT " + function + "(?, (hashtextextended(?, 0) & 31)::int)")) {
            lock.setInt(1, QUEUE_LOCK_CLASS);
            lock.setString(2, orderKey);
            lock.execute();
        }
    }

    private static String messages(String... messages) {
        return "\"messages\":[" + String.join(",", messages) + "]";
    }

    private static String text(String from, String wamid, long timestamp, String text, String quoted) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\","
                + (quoted == null ? "" : "\"context\":{\"from\":\"" + from + "\",\"id\":\"" + quoted + "\"},")
                + "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}";
    }

    private static String statuses(String status) {
        return "\"statuses\":[" + status + "]";
    }

    private static String status(String wamid, String status, String to) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"1750000005\","
                + "\"recipient_id\":\"" + to + "\"}";
    }

    private static byte[] echo(Setup s, String to, String wamid) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + s.waba() + "\",\"changes\":[{"
                        + "\"field\":\"smb_message_echoes\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                        + "\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"" + s.pnid() + "\"},"
                        + "\"message_echoes\":[{\"from\":\"15550001111\",\"to\":\"" + to + "\",\"id\":\"" + wamid
                        + "\",\"timestamp\":\"1750000002\",\"type\":\"text\",\"text\":{\"body\":\"from the app\"}}]}}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private int messages(Setup s, String wamid) {
        return jdbc.sql("SELECT count(*) FROM chat_message WHERE team_id = :team AND external_id = :wamid")
                .param("team", s.team().id())
                .param("wamid", wamid)
                .query(Integer.class)
                .single();
    }

    /**
     * The team's chats, messages, windows, leads and customer events (in the order they were written), as text in which
     * the ids the database made stand for what they name.
     */
    private List<String> snapshot(Setup s) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(s.team().id().toString(), "team");
        names.put(s.pluginId().toString(), "plugin");
        names.put(s.waba(), "waba");
        names.put(s.pnid(), "pnid");
        jdbc.sql("SELECT id::text, external_id FROM chat_message WHERE team_id = :team")
                .param("team", s.team().id())
                .query((rs, n) -> names.put(rs.getString(1), "msg:" + rs.getString(2)))
                .list();
        jdbc.sql("SELECT id::text, contact_identifier FROM chat WHERE team_id = :team")
                .param("team", s.team().id())
                .query((rs, n) -> names.put(rs.getString(1), "chat:" + rs.getString(2)))
                .list();
        jdbc.sql("SELECT id::text, data->>'phone_number' FROM process WHERE team_id = :team")
                .param("team", s.team().id())
                .query((rs, n) -> names.put(rs.getString(1), "lead:" + rs.getString(2)))
                .list();
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("SELECT 'chat ' || contact_identifier || ' name=' || coalesce(contact_name, 'null')"
                        + " || ' status=' || status || ' unread=' || unread_count || ' lead=' || coalesce(lead_id::text, 'null')"
                        + " || ' last=' || coalesce(last_message::text, 'null') || ' window=' || coalesce(last_inbound_at::text, 'null')"
                        + " || ' at=' || coalesce(last_message_at::text, 'null') || ' plugin=' || plugin_id"
                        + " FROM chat WHERE team_id = :team ORDER BY contact_identifier, created_at, id")
                .param("team", s.team().id())
                .query(String.class)
                .list());
        rows.addAll(jdbc
                .sql("SELECT 'message ' || m.contact_identifier || ' ' || m.external_id || ' ' || m.direction"
                        + " || ' ' || m.delivery_status || ' text=' || coalesce(m.text, 'null') || ' reply='"
                        + " || coalesce(m.in_reply_to::text, 'null'), 'chat=' || m.chat_id || ' at=' || m.timestamp"
                        + " || ' type=' || m.data_type || ' source=' || m.source_type || ' body=' || m.body::text"
                        + " || ' details=' || coalesce(m.status_details::text, 'null') || ' plugin=' || m.plugin_id"
                        + " FROM chat_message m WHERE m.team_id = :team"
                        + " ORDER BY m.contact_identifier, m.timestamp, m.id")
                .param("team", s.team().id())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .flatMap(List::stream)
                .toList());
        rows.addAll(jdbc.sql("SELECT 'window ' || contact_identifier || ' ' || whatsapp_phone_number_id || ' '"
                        + " || last_inbound_at FROM customer_window WHERE team_id = :team ORDER BY contact_identifier")
                .param("team", s.team().id())
                .query(String.class)
                .list());
        rows.addAll(jdbc.sql("SELECT 'process ' || data::text FROM process WHERE team_id = :team"
                        + " ORDER BY data->>'phone_number'")
                .param("team", s.team().id())
                .query(String.class)
                .list());
        rows.addAll(jdbc.sql("SELECT 'orphan ' || wamid || ' ' || status FROM orphan_status WHERE team_id = :team"
                        + " ORDER BY wamid, status")
                .param("team", s.team().id())
                .query(String.class)
                .list());
        rows.addAll(jdbc.sql("SELECT 'event ' || kind || ' ' || event || ' key=' || order_key || ' '"
                        + " || convert_from(body, 'UTF8') FROM webhook_delivery WHERE team_id = :team"
                        + " ORDER BY created_at, id")
                .param("team", s.team().id())
                .query(String.class)
                .list());
        return rows.stream()
                .map(row -> {
                    String named = row;
                    for (Map.Entry<String, String> n : names.entrySet()) {
                        named = named.replace(n.getKey(), n.getValue());
                    }
                    // Auto ids come from a sequence, which a rolled back batch advanced too.
                    return named.replaceAll("LEAD-[0-9]+", "LEAD-n");
                })
                .toList();
    }
}
