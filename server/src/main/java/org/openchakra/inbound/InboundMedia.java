package org.openchakra.inbound;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.whatsapp.media.WhatsappMediaStore;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Inbound media (whatsapp.md §5): fetched from Meta as soon as the message is processed, since Meta's
 * download URLs live minutes, and kept in the blob store under the team ({@link WhatsappMediaStore}).
 */
@Component
class InboundMedia {

    private static final Logger log = LoggerFactory.getLogger(InboundMedia.class);

    /** What a chat message's {@code attachments} entry says about a stored medium. */
    record Attachment(String mediaId, String mimeType, long fileSize, String sha256, String filename, boolean stored) {}

    private final WhatsappMediaStore store;

    InboundMedia(WhatsappMediaStore store) {
        this.store = store;
    }

    /** The media of a message, stored (or found stored already); empty when the message carries none. */
    Optional<Attachment> fetch(UUID teamId, UUID pluginId, MetaTarget target, String version, JsonNode message) {
        String type = message.path("type").asString("");
        JsonNode content = message.path(type);
        String mediaId = NotificationOwners.idText(content.path("id"));
        if (mediaId == null || !content.has("mime_type")) {
            return Optional.empty();
        }
        String filename =
                content.path("filename").isString() ? content.path("filename").stringValue() : null;
        try {
            Optional<WhatsappMediaStore.StoredMedia> known = store.find(teamId, mediaId);
            WhatsappMediaStore.Fetched fetched = known.isPresent()
                    ? new WhatsappMediaStore.Stored(known.get())
                    : store.fetch(teamId, pluginId, target, version, mediaId, null, filename);
            if (fetched instanceof WhatsappMediaStore.Stored(WhatsappMediaStore.StoredMedia m)) {
                return Optional.of(new Attachment(
                        mediaId,
                        m.mimeType(),
                        m.fileSize(),
                        m.sha256(),
                        m.filename() != null ? m.filename() : filename,
                        true));
            }
            log.warn("Inbound media {} not fetched: {}", mediaId, fetched);
        } catch (MetaUnavailableException | IOException e) {
            // The message is kept either way; its attachment says the bytes are not here.
            log.warn("Inbound media {} not fetched: {}", mediaId, e.getMessage());
        }
        return Optional.of(new Attachment(
                mediaId,
                content.path("mime_type").asString(null),
                0,
                content.path("sha256").asString(null),
                filename,
                false));
    }
}
