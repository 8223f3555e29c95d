package org.openchakra.inbound;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's webhook endpoint (webhooks.md §1). Outside the bearer-protected paths: Meta proves itself with the verify
 * token (GET) and the app secret's signature over the raw bytes (POST). A POST is stored before it is
 * answered and processed afterwards by {@link InboundWorker}.
 * The store is batched ({@link NotificationWriter}): the 200 goes out once the notification's commit is done.
 */
@RestController
class MetaWebhookController {

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    private final NotificationOwners owners;
    private final NotificationStore store;
    private final NotificationWriter writer;
    private final PluginService plugins;
    private final WhatsappProperties props;
    private final MetaVerifyToken verifyToken;
    private final JsonMapper json;

    public MetaWebhookController(
            NotificationOwners owners,
            NotificationStore store,
            NotificationWriter writer,
            PluginService plugins,
            WhatsappProperties props,
            MetaVerifyToken verifyToken,
            JsonMapper json) {
        this.owners = owners;
        this.store = store;
        this.writer = writer;
        this.plugins = plugins;
        this.props = props;
        this.verifyToken = verifyToken;
        this.json = json;
    }

    /** The subscription handshake: the bare challenge when the verify token is ours, else 403 (an envelope). */
    @GetMapping(path = "/webhooks/meta", produces = MediaType.TEXT_PLAIN_VALUE)
    @ApiOperation(
            id = "verifyMetaWebhook",
            summary = "Meta's subscription handshake: answers hub.challenge when the verify token is known",
            answer = String.class,
            answerMediaType = "text/plain")
    public ResponseEntity<String> verify(
            @RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String token,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if (!"subscribe".equals(mode) || token == null || challenge == null || !knownVerifyToken(token)) {
            throw ApiException.forbidden(
                    "Verification failed: hub.mode must be subscribe, with a known hub.verify_token"
                            + " and a hub.challenge");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    /**
     * Answers a bare {@code ok} (text/plain) once the notification is stored. The body and the answer go
     * straight through the servlet streams: Meta posts thousands a second, and Spring MVC's message
     * converters were a third of this handler's cost.
     */
    @PostMapping(path = "/webhooks/meta")
    @ApiOperation(
            id = "receiveMetaWebhook",
            summary = "Meta's notifications: stored, answered ok, processed afterwards",
            body = InboundSchemas.Notification.class,
            answer = String.class,
            answerMediaType = "text/plain")
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readAllBytes();
        }
        String signature = request.getHeader("X-Hub-Signature-256");
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
            ok(response);
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
        ok(response);
    }

    private static boolean signedByEach(List<NotificationOwners.Owner> owners, String signature, byte[] body) {
        return owners.stream().allMatch(o -> HubSignature.matches(signature, body, o.appSecret()));
    }

    private static void ok(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
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

    private boolean knownVerifyToken(String token) {
        if (verifyToken.isSet() && sameText(token, verifyToken.verifyToken())) {
            return true;
        }
        if (props.hasMetaVerifyToken() && sameText(token, props.metaVerifyToken())) {
            return true; // the older name of the server-wide token
        }
        return Stream.of(WhatsappPlugin.Mode.values())
                .flatMap(mode -> plugins.listActive(mode).stream())
                .map(plugin -> plugins.credentials(plugin.teamId(), plugin.id()).verifyToken())
                .anyMatch(verify -> verify != null && sameText(token, verify));
    }

    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
