package org.openchakra.inbound;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.WhatsappProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a POST of Meta's to {@code /webhooks/meta} does (webhooks.md §1), whichever way it came in
 * ({@link MetaWebhookFilter}, {@link MetaWebhookController}): checks the signature against the owners' app secrets,
 * stores the raw notification (batched, {@link NotificationWriter}) and returns once it is committed; a
 * notification no active plugin owns is kept as a dead letter. Refusals are {@link ApiException}s.
 */
@Component
class MetaNotificationReceiver {

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final NotificationOwners owners;
    private final NotificationStore store;
    private final NotificationWriter writer;
    private final WhatsappProperties props;
    private final JsonMapper json;

    MetaNotificationReceiver(
            NotificationOwners owners,
            NotificationStore store,
            NotificationWriter writer,
            WhatsappProperties props,
            JsonMapper json) {
        this.owners = owners;
        this.store = store;
        this.writer = writer;
        this.props = props;
        this.json = json;
    }

    /** Stores the notification, or throws why not; once it returns, the notification is durable. */
    void receive(byte[] body, String signature) {
        if (body.length == 0) {
            throw ApiException.badRequest(null, "Empty notification");
        }
        JsonNode notification = parse(body);
        List<Optional<NotificationOwners.Owner>> entryOwners = owners.of(notification);
        List<NotificationOwners.Owner> known =
                entryOwners.stream().flatMap(Optional::stream).toList();
        boolean serverSigned = props.hasMetaAppSecret() && HubSignature.matches(signature, body, props.metaAppSecret());
        if (known.isEmpty()) {
            if (props.hasMetaAppSecret() && !serverSigned) {
                throw ApiException.unauthenticated("X-Hub-Signature-256 is missing or does not match");
            }
            // Meta retries whatever is not answered 200, for days: keep it for the operator instead.
            store.deadLetter(
                    body,
                    entryOwners.isEmpty() ? "no entries" : "no active plugin owns its WABA or number",
                    serverSigned);
            return;
        }
        // Each owner's own secret (or the server-wide one) must have signed it: a team cannot speak for another.
        if (!serverSigned && !signedByEach(known, signature, body)) {
            // The kept owners may predate a change of app secret that committed moments ago: ask the database.
            known = owners.ofAfresh(notification).stream()
                    .flatMap(Optional::stream)
                    .toList();
            if (known.isEmpty() || !signedByEach(known, signature, body)) {
                throw ApiException.unauthenticated("X-Hub-Signature-256 is missing or does not match");
            }
        }
        List<UUID> teams =
                known.stream().map(o -> o.plugin().teamId()).distinct().toList();
        writer.store(new NotificationStore.NewNotification(
                body, teams.size() == 1 ? teams.get(0) : null, NotificationOwners.orderKey(notification)));
    }

    /**
     * The answer to a stored notification: a bare {@code ok} (text/plain), straight through the servlet stream
     * (Spring MVC's message converters were a third of the handler's cost).
     */
    static void ok(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }

    private static boolean signedByEach(List<NotificationOwners.Owner> owners, String signature, byte[] body) {
        return owners.stream().allMatch(o -> HubSignature.matches(signature, body, o.appSecret()));
    }

    private JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(null, "The notification is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(null, "The notification must be a JSON object");
        }
        return node;
    }
}
