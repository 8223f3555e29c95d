package org.openchakra.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One message as the conversation shows it (inbox.md §2.2). {@code html} and {@code captionHtml} are the only
 * fields written unescaped: {@link WhatsappMarkup} made them from escaped text. Everything else is text.
 */
record MessageView(
        UUID id,
        boolean outbound,
        String kind,
        String html,
        String mediaUrl,
        String downloadUrl,
        String mimeType,
        String filename,
        String captionHtml,
        Location location,
        List<Contact> contacts,
        List<String> options,
        String reactionEmoji,
        Quote quote,
        String time,
        String timeTitle,
        long timestamp,
        String status,
        String statusLabel,
        String error,
        String sender,
        String templateName,
        List<String> reactions) {

    record Location(String name, String address, String latitude, String longitude, String mapUrl) {}

    record Contact(String name, List<String> phones) {}

    record Quote(String sender, String text) {}

    public String domId() {
        return "msg-" + id;
    }

    /** Reactions to this message are collected after it is made. */
    MessageView withReaction(String emoji) {
        List<String> all = new ArrayList<>(reactions);
        all.add(emoji);
        return new MessageView(
                id,
                outbound,
                kind,
                html,
                mediaUrl,
                downloadUrl,
                mimeType,
                filename,
                captionHtml,
                location,
                contacts,
                options,
                reactionEmoji,
                quote,
                time,
                timeTitle,
                timestamp,
                status,
                statusLabel,
                error,
                sender,
                templateName,
                List.copyOf(all));
    }
}
