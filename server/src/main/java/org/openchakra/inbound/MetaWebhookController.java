package org.openchakra.inbound;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

/**
 * Meta's webhook endpoint (webhooks.md §1). Outside the bearer-protected paths: Meta proves itself with the verify
 * token (GET) and the app secret's signature over the raw bytes (POST). A POST is stored before it is
 * answered and processed afterwards by {@link InboundWorker}.
 * The store is batched ({@link NotificationWriter}): the 200 goes out once the notification's commit is done.
 */
@RestController
class MetaWebhookController {

    private final MetaNotificationReceiver receiver;
    private final PluginService plugins;
    private final WhatsappProperties props;
    private final MetaVerifyToken verifyToken;

    public MetaWebhookController(
            MetaNotificationReceiver receiver,
            PluginService plugins,
            WhatsappProperties props,
            MetaVerifyToken verifyToken) {
        this.receiver = receiver;
        this.plugins = plugins;
        this.props = props;
        this.verifyToken = verifyToken;
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
     * Answers a bare {@code ok} (text/plain) once the notification is stored. A POST to this exact path is served by
     * {@link MetaWebhookFilter} before Spring MVC; this mapping documents it and serves other spellings of the path.
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
        receiver.receive(body, request.getHeader("X-Hub-Signature-256"));
        MetaNotificationReceiver.ok(response);
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
