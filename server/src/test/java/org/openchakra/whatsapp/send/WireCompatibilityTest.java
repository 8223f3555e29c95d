package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;
import static org.openchakra.whatsapp.send.PassThroughSendTest.assertMetaError;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchakra.chat.ChatMessage;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The bodies real clients send to the messages pass-through, byte for byte as Meta documents them
 * (meta-cloud-api.md §1), and the fields those clients read back: {@code _data.whatsappMessageId} on success,
 * {@code error.code} or {@code _errors[0]} on failure.
 */
class WireCompatibilityTest extends SendTestBase {

    private TestTeam team;
    private CloudPlugin plugin;
    private String customer;
    private String to;

    @BeforeEach
    void aCustomerInsideTheWindow() {
        team = newTeam();
        plugin = cloudPlugin(team);
        customer = nextCustomer();
        to = "+" + customer;
        openWindow(plugin, customer);
    }

    private Map<String, Object> message(String type, Object content) {
        return obj(
                "messaging_product", "whatsapp", "recipient_type", "individual", "to", to, "type", type, type, content);
    }

    /** Sends, checks what clients read, and answers the recorded message. */
    private ChatMessage sent(Object body) {
        Reply reply = sendOk(plugin, body);
        ChatMessage message = recorded(team, reply);
        assertThat(message.externalId())
                .isEqualTo(reply.data().path("whatsappMessageId").asString());
        assertThat(message.deliveryStatus()).isIn("SENT", "DELIVERED", "READ"); // statuses may have come back already
        assertThat(message.contactIdentifier()).isEqualTo(customer);
        JsonNode forwarded = ApiClient.JSON.readTree(
                meta.outbox(plugin.numberId()).getFirst().requestJson());
        assertThat(forwarded).isEqualTo(ApiClient.JSON.valueToTree(body));
        return message;
    }

    @Test
    void aTextWithAPreviewAndAQuotedReply() {
        ChatMessage first = sent(message(
                "text",
                obj(
                        "preview_url",
                        true,
                        "body",
                        "As requested, here's the link to our latest product: https://www.meta.com/quest/quest-3/")));
        assertThat(first.dataType()).isEqualTo("text");
        assertThat(first.inReplyTo()).isNull();

        Map<String, Object> reply = obj(
                "context",
                obj("message_id", first.externalId()),
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "text",
                obj("body", "Following up on the link", "preview_url", false),
                "to",
                to,
                "type",
                "text");
        ChatMessage quoted = sent(reply);
        assertThat(quoted.inReplyTo()).isEqualTo(first.id());
        assertThat(quoted.text()).isEqualTo("Following up on the link");

        // A quoted message OpenChakra never saw still goes out; it just links to nothing.
        ChatMessage unknown = sent(obj(
                "context",
                obj("message_id", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2"),
                "messaging_product",
                "whatsapp",
                "to",
                to,
                "type",
                "text",
                "text",
                obj("body", "Re: that")));
        assertThat(unknown.inReplyTo()).isNull();
    }

    @Test
    void mediaByLinkAndById() {
        ChatMessage image = sent(message("image", obj("link", "https://example.com/photo.jpg", "caption", "Our shop")));
        assertThat(image.dataType()).isEqualTo("image");
        assertThat(image.text()).isEqualTo("Our shop");

        String mediaId = upload("image/jpeg", new byte[] {
            (byte) 0xFF,
            (byte) 0xD8,
            (byte) 0xFF,
            (byte) 0xE0,
            0,
            0x10,
            'J',
            'F',
            'I',
            'F',
            0,
            1,
            1,
            0,
            0,
            1,
            0,
            1,
            0,
            0,
            (byte) 0xFF,
            (byte) 0xD9
        });
        assertThat(sent(obj(
                                "image",
                                obj("id", mediaId),
                                "messaging_product",
                                "whatsapp",
                                "recipient_type",
                                "individual",
                                "to",
                                to,
                                "type",
                                "image"))
                        .dataType())
                .isEqualTo("image");

        assertThat(sent(obj(
                                "audio",
                                obj("link", "https://example.com/voice.mp3"),
                                "messaging_product",
                                "whatsapp",
                                "recipient_type",
                                "individual",
                                "to",
                                to,
                                "type",
                                "audio"))
                        .dataType())
                .isEqualTo("audio");
        assertThat(sent(message("video", obj("caption", "How it works", "link", "https://example.com/demo.mp4")))
                        .text())
                .isEqualTo("How it works");
        ChatMessage document = sent(
                message("document", obj("link", "https://example.com/invoice-42.pdf", "filename", "invoice-42.pdf")));
        assertThat(document.dataType()).isEqualTo("document");
        assertThat(document.text()).isEqualTo("invoice-42.pdf");
        assertThat(sent(message(
                                "document",
                                obj(
                                        "caption",
                                        "Your invoice",
                                        "filename",
                                        "invoice-43.pdf",
                                        "link",
                                        "https://example.com/invoice-43.pdf")))
                        .text())
                .isEqualTo("Your invoice");
        assertThat(sent(message("sticker", obj("link", "https://example.com/sticker.webp")))
                        .dataType())
                .isEqualTo("sticker");
    }

    @Test
    void locationAndContacts() {
        ChatMessage location = sent(message(
                "location",
                obj(
                        "address",
                        "1 Hacker Way, Menlo Park, CA 94025",
                        "latitude",
                        37.758056,
                        "longitude",
                        -122.425332,
                        "name",
                        "META HQ")));
        assertThat(location.dataType()).isEqualTo("location");
        assertThat(location.text()).isEqualTo("META HQ");

        ChatMessage contacts = sent(message(
                "contacts",
                List.of(obj(
                        "addresses",
                                List.of(obj(
                                        "city",
                                        "Menlo Park",
                                        "country",
                                        "United States",
                                        "country_code",
                                        "us",
                                        "state",
                                        "CA",
                                        "street",
                                        "1 Hacker Way",
                                        "type",
                                        "HOME",
                                        "zip",
                                        "94025")),
                        "birthday", "2012-08-18",
                        "emails", List.of(obj("email", "test@fb.com", "type", "WORK")),
                        "name", obj("first_name", "John", "formatted_name", "John Smith", "last_name", "Smith"),
                        "org", obj("company", "WhatsApp", "department", "Design", "title", "Manager"),
                        "phones",
                                List.of(
                                        obj("phone", "+1 (940) 555-1234", "type", "HOME"),
                                        obj("phone", "+1 (650) 555-1234", "type", "WORK", "wa_id", "16505551234")),
                        "urls", List.of(obj("type", "WORK", "url", "https://www.facebook.com"))))));
        assertThat(contacts.dataType()).isEqualTo("contacts");
        assertThat(contacts.text()).isEqualTo("John Smith");
    }

    @Test
    void interactiveButtonsListAndCtaUrl() {
        ChatMessage buttons = sent(obj(
                "interactive",
                obj(
                        "action",
                        obj(
                                "buttons",
                                List.of(
                                        obj("reply", obj("id", "yes-1", "title", "Yes"), "type", "reply"),
                                        obj("reply", obj("id", "no-1", "title", "No"), "type", "reply"))),
                        "body",
                        obj("text", "Shall we confirm your booking?"),
                        "type",
                        "button"),
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                to,
                "type",
                "interactive"));
        assertThat(buttons.dataType()).isEqualTo("interactive");
        assertThat(buttons.text()).isEqualTo("Shall we confirm your booking?");

        ChatMessage list = sent(message(
                "interactive",
                obj(
                        "type",
                        "list",
                        "header",
                        obj("type", "text", "text", "Choose Shipping Option"),
                        "body",
                        obj("text", "Which shipping option do you prefer?"),
                        "footer",
                        obj("text", "Lucky Shrub: Your gateway to succulents™"),
                        "action",
                        obj(
                                "button",
                                "Shipping Options",
                                "sections",
                                List.of(
                                        obj(
                                                "title",
                                                "I want it ASAP!",
                                                "rows",
                                                List.of(
                                                        obj(
                                                                "id",
                                                                "priority_express",
                                                                "title",
                                                                "Priority Mail Express",
                                                                "description",
                                                                "Next Day to 2 Days"),
                                                        obj(
                                                                "id",
                                                                "priority_mail",
                                                                "title",
                                                                "Priority Mail",
                                                                "description",
                                                                "1–3 Days"))),
                                        obj(
                                                "title",
                                                "I can wait a bit",
                                                "rows",
                                                List.of(obj(
                                                        "id",
                                                        "usps_ground_advantage",
                                                        "title",
                                                        "USPS Ground Advantage",
                                                        "description",
                                                        "2–5 Days"))))))));
        assertThat(list.text()).isEqualTo("Which shipping option do you prefer?");

        ChatMessage cta = sent(message(
                "interactive",
                obj(
                        "type",
                        "cta_url",
                        "header",
                        obj("type", "image", "image", obj("link", "https://www.luckyshrub.com/banner.png")),
                        "body",
                        obj("text", "Tap the button below to see available dates."),
                        "action",
                        obj(
                                "name",
                                "cta_url",
                                "parameters",
                                obj(
                                        "display_text",
                                        "See Dates",
                                        "url",
                                        "https://www.luckyshrub.com?clickID=kqDGWd24Q5TRwoEQTICY7W1JKoXvaZOXWAS7h1P76s0R7Paec4")),
                        "footer",
                        obj("text", "Dates subject to change."))));
        assertThat(cta.text()).isEqualTo("Tap the button below to see available dates.");
    }

    @Test
    void aReactionToOurOwnMessage() {
        ChatMessage target = sent(message("text", obj("body", "Your order has shipped")));
        ChatMessage reaction = sent(obj(
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                to,
                "type",
                "reaction",
                "reaction",
                obj("message_id", target.externalId(), "emoji", "\uD83D\uDE00")));
        assertThat(reaction.dataType()).isEqualTo("reaction");
        assertThat(reaction.text()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void templatesInMetasFormatWithEitherLanguageShapeAndEitherButtonIndex() {
        ChatMessage hello = sent(obj(
                "messaging_product",
                "whatsapp",
                "template",
                obj("language", obj("code", "en_US"), "name", "hello_world"),
                "to",
                to,
                "type",
                "template"));
        assertThat(hello.dataType()).isEqualTo("template");
        assertThat(hello.text()).isEqualTo("hello_world");

        for (Object index : List.of(0, "0")) {
            ChatMessage promo = sent(message(
                    "template",
                    obj(
                            "name",
                            "seasonal_promo",
                            "language",
                            obj("policy", "deterministic", "code", "en_US"),
                            "components",
                            List.of(
                                    obj(
                                            "type",
                                            "header",
                                            "parameters",
                                            List.of(obj(
                                                    "type",
                                                    "image",
                                                    "image",
                                                    obj("link", "https://example.com/summer.jpg")))),
                                    obj(
                                            "type",
                                            "body",
                                            "parameters",
                                            List.of(
                                                    obj("type", "text", "text", "Pablo"),
                                                    obj("type", "text", "text", "25%"))),
                                    obj(
                                            "type",
                                            "button",
                                            "sub_type",
                                            "url",
                                            "index",
                                            index,
                                            "parameters",
                                            List.of(obj("type", "text", "text", "summer")))))));
            assertThat(promo.dataType()).isEqualTo("template");
        }

        // Meta's refusal of a template send reaches both kinds of client.
        Reply mismatch = send(
                plugin,
                message(
                        "template",
                        obj(
                                "name",
                                "order_update",
                                "language",
                                obj("code", "en_US"),
                                "components",
                                List.of(obj(
                                        "type",
                                        "body",
                                        "parameters",
                                        List.of(obj("type", "text", "text", "Pablo")))))));
        assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(400);
        assertMetaError(mismatch, 132000);
        assertThat(mismatch.json()
                        .path("error")
                        .path("error_data")
                        .path("details")
                        .asString())
                .contains("number of localizable_params");
        assertThat(mismatch.errors().get(0).asString()).startsWith("(#132000)");
    }

    /** An upload straight to Meta's media edge, as a client does before sending by id. */
    private String upload(String mimeType, byte[] bytes) {
        Multipart form = new Multipart()
                .field("messaging_product", "whatsapp")
                .field("type", mimeType)
                .file("file", "photo.jpg", mimeType, bytes);
        Reply reply = new ApiClient(meta.baseUrl())
                .send(
                        "POST",
                        "/" + VERSION + "/" + plugin.numberId() + "/media",
                        plugin.accessToken(),
                        form.body(),
                        form.headers());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("id").asString();
    }
}
