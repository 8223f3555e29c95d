package org.openchakra.whatsapp.templatemessage;

import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.template.CachedTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A template send read and its approved template found once, for sending it to many recipients (a campaign's
 * step): each {@link #build} fills that recipient's references and makes Meta's message, with the checks of a
 * single send.
 */
public final class PreparedTemplate {

    private final PluginDirectory.Resolved plugin;
    private final WhatsappPlugin.PhoneNumber from;
    private final CachedTemplate template;
    private final TemplateShape shape;
    private final TemplateMessageRequest request;

    PreparedTemplate(
            PluginDirectory.Resolved plugin,
            WhatsappPlugin.PhoneNumber from,
            CachedTemplate template,
            TemplateMessageRequest request) {
        this.plugin = plugin;
        this.from = from;
        this.template = template;
        this.shape = TemplateShape.of(template);
        this.request = request;
    }

    /** Meta's {@code /messages} body for one recipient, and the template's body text as it reads filled in. */
    public record Message(ObjectNode body, String text) {}

    public PluginDirectory.Resolved plugin() {
        return plugin;
    }

    public WhatsappPlugin.PhoneNumber from() {
        return from;
    }

    public CachedTemplate template() {
        return template;
    }

    /**
     * The message to {@code toDigits} (country code included) with {@code references} filled; a value that
     * cannot be filled, or a mapping the template does not fit, is the send's usual 400 (nothing is sent).
     */
    public Message build(String toDigits, ValueReferences references) {
        TemplateComponents.Built built = TemplateComponents.build(shape, request, references);
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        // With the +: without it Meta assumes the sender's own country code (meta-cloud-api.md §1.1).
        message.put("to", "+" + toDigits);
        message.put("type", "template");
        ObjectNode content = message.putObject("template");
        content.put("name", template.name());
        content.putObject("language").put("policy", "deterministic").put("code", template.language());
        if (!built.components().isEmpty()) {
            content.set("components", built.components());
        }
        return new Message(message, built.bodyText());
    }
}
