package org.openchakra.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.blob.BlobResponses;
import org.openchakra.blob.BlobStore;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.ChatService;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.media.WhatsappMediaStore;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A message's medium for the conversation (inbox.md §3): reached through its chat, so only someone who may see
 * the chat gets it. Images, video and audio of the kinds browsers play are served inline with their stored
 * type; anything else (and any file asked for with {@code ?download}) as a download with
 * {@code Content-Disposition: attachment} and a neutral type, so that a customer's file never runs as a page
 * of this site. {@code nosniff} and a sandboxing CSP come with every answer.
 */
@AppController
class ChatMediaController {

    /** What a browser shows by itself and cannot execute. */
    static final Set<String> INLINE = Set.of(
            "image/jpeg",
            "image/png",
            "image/webp",
            "image/gif",
            "video/mp4",
            "video/3gpp",
            "audio/ogg",
            "audio/mpeg",
            "audio/mp4",
            "audio/aac",
            "audio/amr");

    private final InboxChats chats;
    private final ChatService chatService;
    private final WhatsappMediaStore media;
    private final BlobStore blobs;
    private final AppMessages messages;

    ChatMediaController(
            InboxChats chats,
            ChatService chatService,
            WhatsappMediaStore media,
            BlobStore blobs,
            AppMessages messages) {
        this.chats = chats;
        this.chatService = chatService;
        this.media = media;
        this.blobs = blobs;
        this.messages = messages;
    }

    @GetMapping("/app/chats/{chatId}/messages/{messageId}/media")
    ResponseEntity<Resource> medium(
            AppUser me,
            @PathVariable UUID chatId,
            @PathVariable UUID messageId,
            @RequestParam(required = false) String download)
            throws IOException {
        Chat chat = chats.visible(me, chatId);
        ChatMessage message = chatService
                .message(me.teamId(), messageId)
                .filter(m -> m.chatId().equals(chat.id()))
                .orElseThrow(this::notFound);
        String mediaId = message.attachments() == null
                ? null
                : message.attachments().path(0).path("mediaId").asString(null);
        if (mediaId == null) {
            throw notFound();
        }
        WhatsappMediaStore.StoredMedia stored = media.find(me.teamId(), mediaId).orElseThrow(this::notFound);
        Resource content = blobs.open(stored.blobKey()).orElseThrow(this::notFound);
        String mime = stored.mimeType() == null
                ? ""
                : stored.mimeType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        CacheControl cache = CacheControl.maxAge(java.time.Duration.ofDays(7)).cachePrivate();
        if (download == null && INLINE.contains(mime)) {
            return BlobResponses.inline(content, MediaType.parseMediaType(mime), stored.blobKey(), cache, null);
        }
        String filename = stored.filename() != null && !stored.filename().isBlank()
                ? stored.filename()
                : "whatsapp-" + mediaId + extension(mime);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .cacheControl(cache)
                .eTag("\"" + stored.blobKey() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(content);
    }

    private static String extension(String mime) {
        int slash = mime.indexOf('/');
        String sub = slash < 0 ? "" : mime.substring(slash + 1).replaceAll("[^a-z0-9]", "");
        return sub.isEmpty() || sub.length() > 8 ? "" : "." + sub;
    }

    private ApiException notFound() {
        return ApiException.notFound(messages.text("error.notFound"));
    }
}
