package org.openchakra.inbox;

import java.util.List;
import java.util.Map;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.media.MediaUploads;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.send.MessageSender;
import org.openchakra.whatsapp.send.SendOrigin;
import org.openchakra.whatsapp.templatemessage.TemplateForm;
import org.openchakra.whatsapp.templatemessage.TemplateMessageService;
import org.openchakra.whatsapp.templatemessage.TemplateOutline;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends from the inbox (inbox.md §2.3) through the paths API sends take: {@link MessageSender} for text and
 * attachments (the 24-hour window, the number's throughput, the record and the customer's webhooks), the
 * template service for templates. Each is a chat message with source {@code INBOX} and the person as sender.
 */
@Service
class InboxSender {

    static final int MAX_TEXT = 4096;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PluginDirectory directory;
    private final MessageSender sender;
    private final MediaUploads uploads;
    private final TemplateMessageService templates;
    private final AppMessages messages;

    InboxSender(
            PluginDirectory directory,
            MessageSender sender,
            MediaUploads uploads,
            TemplateMessageService templates,
            AppMessages messages) {
        this.directory = directory;
        this.sender = sender;
        this.uploads = uploads;
        this.templates = templates;
        this.messages = messages;
    }

    /**
     * A text, or a file with the text as its caption. Meta's refusal is recorded on the message (FAILED, with
     * the reason), which the conversation shows; a refusal before Meta (the window, the throughput) is thrown.
     */
    void send(AppUser me, Chat chat, String text, MultipartFile file) {
        String body = text == null ? "" : text.strip();
        if (body.length() > MAX_TEXT) {
            throw ApiException.badRequest("text", messages.text("composer.tooLong", MAX_TEXT));
        }
        boolean hasFile = file != null && !file.isEmpty();
        if (body.isEmpty() && !hasFile) {
            throw ApiException.badRequest("text", messages.text("composer.empty"));
        }
        PluginDirectory.Resolved plugin = directory.active(chat.teamId(), chat.pluginId());
        WhatsappPlugin.PhoneNumber from = directory.number(plugin, chat.whatsappPhoneNumberId());
        String version = plugin.plugin().defaultApiVersion();
        ObjectNode message = JSON.objectNode();
        message.put("messaging_product", "whatsapp");
        message.put("recipient_type", "individual");
        // With the +: without it Meta assumes the sender's own country code (meta-cloud-api.md §1.1).
        message.put("to", "+" + chat.contactIdentifier());
        ArrayNode attachments = null;
        if (hasFile) {
            MediaUploads.Uploaded media = uploads.upload(
                    chat.teamId(),
                    plugin,
                    version,
                    from.id(),
                    file::getInputStream,
                    file.getSize(),
                    fileName(file),
                    file.getContentType(),
                    "file");
            message.put("type", media.kind());
            ObjectNode content = message.putObject(media.kind());
            content.put("id", media.mediaId());
            boolean captioned = List.of("image", "video", "document").contains(media.kind());
            if (!body.isEmpty() && captioned) {
                content.put("caption", body);
            }
            if ("document".equals(media.kind())) {
                content.put("filename", media.filename());
            }
            attachments = JSON.arrayNode();
            ObjectNode attachment = attachments.addObject();
            attachment.put("mediaId", media.mediaId());
            attachment.put("mimeType", media.mimeType());
            attachment.put("fileSize", media.fileSize());
            attachment.put("sha256", media.sha256());
            attachment.put("filename", media.filename());
            attachment.put("url", "/v1/whatsapp/" + version + "/media/" + media.mediaId() + "/show");
            if (!body.isEmpty() && !captioned) {
                // Audio and stickers take no caption: the text goes as its own message after the file.
                sendOne(me, plugin, from, version, message, attachments);
                send(me, chat, body, null);
                return;
            }
        } else {
            message.put("type", "text");
            message.putObject("text").put("body", body).put("preview_url", body.contains("http"));
        }
        sendOne(me, plugin, from, version, message, attachments);
    }

    /** The file's own name, without any path a browser may have sent. */
    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null) {
            return null;
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .strip();
        name = name.replaceAll("\\p{Cntrl}", "");
        return name.isEmpty() ? null : name.substring(0, Math.min(name.length(), 200));
    }

    private void sendOne(
            AppUser me,
            PluginDirectory.Resolved plugin,
            WhatsappPlugin.PhoneNumber from,
            String version,
            ObjectNode message,
            ArrayNode attachments) {
        sender.send(plugin, from, version, message, SendOrigin.inbox(me.id(), attachments, null, null));
    }

    List<TemplateOutline> templates(Chat chat) {
        return templates.outlines(chat.teamId(), chat.pluginId(), chat.whatsappPhoneNumberId());
    }

    /** The template {@code name} in {@code language}, among the number's approved ones; 404 otherwise. */
    TemplateOutline template(Chat chat, String name, String language) {
        return templates(chat).stream()
                .filter(t -> t.name().equals(name) && t.language().equals(language))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(messages.text("template.notFound")));
    }

    /**
     * Sends an approved template with what the person filled in: {@code body.<variable>}, {@code
     * header.<variable>}, {@code button.<index>}, {@code headerUrl} (+ {@code filename}), {@code otp}, and the
     * location header's fields. The template send's checks apply (a missing variable is a 400 naming it).
     */
    void sendTemplate(AppUser me, Chat chat, TemplateOutline template, Map<String, String> form) {
        ObjectNode body = TemplateForm.body(template, form, "");
        body.put("whatsappPhoneNumberId", chat.whatsappPhoneNumberId());
        templates.fromInbox(me.teamId(), me.id(), chat.pluginId(), chat.contactIdentifier(), body);
    }
}
