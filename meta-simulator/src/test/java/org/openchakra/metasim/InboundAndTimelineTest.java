package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Inbound injection of every spec 6.4 type, and the less common timeline switches. */
class InboundAndTimelineTest extends SimulatorFixture {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "location|{\"latitude\": 37.48, \"longitude\": -122.14, \"name\": \"Philz\", \"address\": \"101 Forest Ave\"}",
                "contacts|[{\"name\": {\"formatted_name\": \"Ana\"}, \"phones\": [{\"phone\": \"+1 555\", \"wa_id\": \"1555\"}]}]",
                "reaction|{\"message_id\": \"wamid.X\", \"emoji\": \"\\ud83d\\udc4d\"}",
                "button|{\"payload\": \"Unsubscribe\", \"text\": \"Unsubscribe\"}",
                "order|{\"catalog_id\": \"1\", \"text\": \"\", \"product_items\": [{\"product_retailer_id\": \"sku\", \"quantity\": 1,"
                        + " \"item_price\": 9.5, \"currency\": \"USD\"}]}",
                "interactive|{\"type\": \"nfm_reply\", \"nfm_reply\": {\"response_json\": \"{\\\"flow_token\\\": \\\"t\\\"}\","
                        + " \"body\": \"Sent\", \"name\": \"flow\"}}",
                "document|{\"filename\": \"invoice.pdf\", \"caption\": \"Invoice\"}",
                "audio|{\"voice\": true}",
                "sticker|{}",
                "video|{}"
            })
    void everyInboundTypeArrivesWithItsContent(String type, String content) {
        sim.injectInbound(PNID, InboundMessage.of(USER, type, content));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("messages").isEmpty());
        JsonNode message =
                receiver.values("messages").getFirst().path("messages").get(0);
        assertThat(message.path("type").asString()).isEqualTo(type);
        assertThat(message.has(type)).isTrue();
        assertThat(message.path("timestamp").isString()).isTrue();
        if (type.equals("location")) {
            assertThat(message.path("location").path("latitude").isNumber()).isTrue();
        }
        if (Json.has(message.path(type), "id") && !type.equals("interactive")) {
            assertThat(message.path(type).path("mime_type").asString()).isNotBlank();
            assertThat(message.path(type).path("sha256").asString()).isNotBlank();
        }
    }

    @Test
    void unsupportedAndSystemMessagesHaveTheirOwnShape() {
        sim.injectInbound(PNID, InboundMessage.of(USER, "unsupported", "{}"));
        sim.injectInbound(
                PNID,
                InboundMessage.of(
                        USER,
                        "system",
                        "{\"body\": \"User changed number\", \"wa_id\":"
                                + " \"12195555358\", \"type\": \"user_changed_number\"}"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("messages").size() == 2);
        JsonNode unsupported =
                receiver.values("messages").get(0).path("messages").get(0);
        assertThat(unsupported.path("errors").get(0).path("code").asInt()).isEqualTo(131051);
        assertThat(unsupported.path("errors").get(0).path("title").asString()).isEqualTo("Message type unknown");
        JsonNode system = receiver.values("messages").get(1);
        assertThat(system.has("contacts")).isFalse();
        assertThat(send(envelope("text", "{\"body\": \"x\"}")).status())
                .as("the unsupported message opened the window")
                .isEqualTo(200);
    }

    @Test
    void referralsAndForwardFlagsCanBeAdded() {
        sim.injectInbound(
                PNID,
                InboundMessage.text(USER, "From the ad")
                        .withMessageFields("{\"referral\": {"
                                + "\"source_type\": \"ad\", \"source_id\": \"120226305854810726\", \"ctwa_clid\": \"Aff\"},"
                                + " \"context\": {\"forwarded\": true}}"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("messages").isEmpty());
        JsonNode message =
                receiver.values("messages").getFirst().path("messages").get(0);
        assertThat(message.path("referral").path("source_type").asString()).isEqualTo("ad");
        assertThat(message.path("context").path("forwarded").asBoolean()).isTrue();
    }

    @Test
    void reorderedStatusesStillArriveOnceEach() {
        sim.switches().reorderStatuses(true);
        openWindow();
        String wamid = send(envelope("text", "{\"body\": \"x\"}"))
                .json()
                .path("messages")
                .get(0)
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(wamid).size() == 3);
        assertThat(receiver.statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read");
    }

    @Test
    void unreachableMediaLinksFailAsynchronouslyWith131053() {
        sim.breakMediaLinks("https://down.example.com/");
        openWindow();
        String wamid = send(envelope("image", "{\"link\": \"https://down.example.com/a.jpg\"}"))
                .json()
                .path("messages")
                .get(0)
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.statusObject(wamid, "failed") != null);
        assertThat(receiver.statusObject(wamid, "failed")
                        .path("errors")
                        .get(0)
                        .path("code")
                        .asInt())
                .isEqualTo(131053);
    }

    @Test
    void usersWhoNeverReadProduceNoReadStatus() {
        sim.switches().readByRecipients(false);
        openWindow();
        String wamid = send(envelope("text", "{\"body\": \"x\"}"))
                .json()
                .path("messages")
                .get(0)
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(wamid).size() == 2);
        assertThat(receiver.statusesOf(wamid)).containsExactly("sent", "delivered");
    }
}
