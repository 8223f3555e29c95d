package org.openchakra.metasim;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /{pnid}/messages}: every outbound type (spec 1), mark-as-read and typing (1.10), and the delivery
 * rules of 8.4 in Meta's order: validation, own number, allow list, throughput, pair rate, 24 h window.
 */
final class MessageService {

    static final Set<String> TYPES = Set.of(
            "text",
            "image",
            "audio",
            "video",
            "document",
            "sticker",
            "location",
            "contacts",
            "interactive",
            "template",
            "reaction");
    /** Provider docs list these as unsupported in groups (spec 10.1). */
    private static final Set<String> NOT_IN_GROUPS = Set.of("interactive");

    private final Simulation sim;
    private final ContentValidator content;
    private final TemplateSendValidator templates;
    private final StatusTimeline timeline;

    MessageService(Simulation sim, StatusTimeline timeline) {
        this.sim = sim;
        this.content = new ContentValidator(sim);
        this.templates = new TemplateSendValidator(sim, content);
        this.timeline = timeline;
    }

    GraphResponse handle(GraphRequest req, PhoneNumber number, String version) {
        ObjectNode p = req.params();
        boolean markRead = p.has("status") && !p.has("type") && !p.has("to");
        sim.faults.check(markRead ? Route.MARK_READ : Route.SEND_MESSAGE);
        checkProduct(p);
        return markRead ? markRead(p, number) : send(p, number, version);
    }

    private static void checkProduct(ObjectNode p) {
        String product = Json.text(p, "messaging_product");
        if (product == null) {
            throw new GraphException(MetaErrors.requiredParameter("messaging_product"));
        }
        MediaService.checkProduct(product);
    }

    private GraphResponse send(ObjectNode p, PhoneNumber number, String version) {
        String recipientType = Json.text(p, "recipient_type");
        boolean group = "group".equals(recipientType);
        if (recipientType != null && !group && !recipientType.equals("individual")) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param recipient_type must be one of {INDIVIDUAL, GROUP} - got \"" + recipientType + "\"."));
        }
        String to = Json.text(p, "to");
        if (to == null || to.isBlank()) {
            throw new GraphException(MetaErrors.requiredParameter("to"));
        }
        String type = Json.text(p, "type") == null ? "text" : Json.text(p, "type");
        if (!TYPES.contains(type)) {
            throw new GraphException(MetaError.of(131051, "Message type \"" + type + "\" is not supported."));
        }
        JsonNode body = p.get(type);
        boolean shapeOk = type.equals("contacts") ? body != null && body.isArray() : body != null && body.isObject();
        if (!shapeOk) {
            throw new GraphException(MetaErrors.requiredParameter(type));
        }
        String opaque = Json.text(p, "biz_opaque_callback_data");
        if (opaque != null && opaque.length() > 512) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param biz_opaque_callback_data must be at most 512 characters long."));
        }
        if (group && NOT_IN_GROUPS.contains(type)) {
            throw new GraphException(MetaError.of(131051, "Messages of type " + type + " can't be sent to groups."));
        }
        Template template = validateContent(type, body, number);
        if (group && template != null && template.category().equals("AUTHENTICATION")) {
            throw new GraphException(MetaError.of(131051, "Authentication templates can't be sent to groups."));
        }

        String recipientId = recipient(to, group, number);
        if (!group && number.testNumber && !number.allowedRecipients.contains(recipientId)) {
            throw new GraphException(MetaErrors.notInAllowedList());
        }
        if (sim.switches.enforceThroughput() && !number.throughput.tryTake()) {
            throw new GraphException(MetaErrors.throughput());
        }
        if (!group && sim.switches.enforcePairRate() && !sim.conversations.tryPairSend(number.id, recipientId)) {
            throw new GraphException(MetaErrors.pairRate());
        }
        MetaError asyncFailure = null;
        if (!group
                && template == null
                && sim.switches.enforceWindow()
                && !sim.conversations.windowOpen(number.id, recipientId)) {
            if (sim.switches.windowErrorMode() == WindowErrorMode.SYNC) {
                throw new GraphException(MetaErrors.reEngagement());
            }
            asyncFailure = MetaErrors.reEngagement();
        }
        if (asyncFailure == null) {
            asyncFailure = brokenLinkProblem(body);
        }
        if (asyncFailure == null && type.equals("reaction")) {
            asyncFailure = reactionTargetProblem(Json.text(body, "message_id"), number, recipientId);
        }

        String wamid = sim.ids.wamid(group ? number.waId : recipientId);
        sim.conversations.remember(new Conversations.MessageRef(wamid, number.id, recipientId, type, false, sim.now()));
        ObjectNode recorded = p.deepCopy();
        recorded.remove("access_token"); // a query-string token is not part of the message
        sim.outbox.add(
                new OutboxEntry(wamid, number.id, to, recipientId, type, Json.string(recorded), version, sim.now()));
        timeline.schedule(new AcceptedSend(
                wamid, number, recipientId, group, type, template, opaque, majorVersion(version), asyncFailure));
        return GraphResponse.ok(answer(to, recipientId, wamid, group, template));
    }

    private Template validateContent(String type, JsonNode body, PhoneNumber number) {
        switch (type) {
            case "text" -> content.text(body);
            case "image", "audio", "video", "document", "sticker" -> content.media(type, body, number);
            case "location" -> content.location(body);
            case "contacts" -> content.contacts(body);
            case "interactive" -> content.interactive(body, number);
            case "reaction" -> content.reaction(body);
            case "template" -> {
                return templates.validate(body, number);
            }
            default -> throw new IllegalStateException(type);
        }
        return null;
    }

    /** The normalised recipient: digits of a phone number (spec 8.3), or a group id owned by this number. */
    private String recipient(String to, boolean group, PhoneNumber number) {
        if (group) {
            if (sim.groups
                    .find(to)
                    .filter(g -> g.phoneNumberId.equals(number.id) && !g.deleted())
                    .isEmpty()) {
                throw new GraphException(
                        MetaErrors.notValid("Group " + to + " does not exist or is not owned by this" + " number."));
            }
            return to;
        }
        if (!PhoneNumbers.isValid(to)) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param to is not a valid phone number: \"" + to + "\"."));
        }
        String waId = PhoneNumbers.digits(to);
        if (waId.equals(number.waId)) {
            throw new GraphException(MetaError.of(131021, "The recipient is the sending business number."));
        }
        return waId;
    }

    /** Spec 1.8: reacting to an unknown message, another chat's message or a reaction fails async with 131009. */
    private MetaError reactionTargetProblem(String targetId, PhoneNumber number, String recipientId) {
        Conversations.MessageRef target = sim.conversations.find(number.id, targetId);
        if (target == null
                || !target.waId().equals(recipientId)
                || target.type().equals("reaction")) {
            return MetaErrors.notValid(
                    "Reaction target message " + targetId + " is unknown, older than 30 days or a" + " reaction.");
        }
        return null;
    }

    /** Media sent by {@code link} is fetched by Meta after the 200; an unreachable URL fails async (131053). */
    private MetaError brokenLinkProblem(JsonNode body) {
        if (sim.brokenLinkPrefixes.isEmpty()) {
            return null;
        }
        for (JsonNode link : body.findValues("link")) {
            String url = link.isString() ? link.asString() : null;
            if (url != null && sim.brokenLinkPrefixes.stream().anyMatch(url::startsWith)) {
                return MetaError.of(131053, "Downloading media from " + url + " failed: the URL could not be reached.");
            }
        }
        return null;
    }

    private static ObjectNode answer(String to, String recipientId, String wamid, boolean group, Template template) {
        ObjectNode answer = Json.object();
        answer.put("messaging_product", "whatsapp");
        if (!group) {
            ObjectNode contact = answer.putArray("contacts").addObject();
            contact.put("input", to);
            contact.put("wa_id", recipientId);
        }
        ArrayNode messages = answer.putArray("messages");
        ObjectNode message = messages.addObject();
        message.put("id", wamid);
        if (group) {
            message.put("group_id", recipientId);
        }
        if (template != null && template.paced()) {
            message.put("message_status", "accepted");
        }
        return answer;
    }

    /** Spec 1.10: {@code status: "read"} with a message id received in the last 30 days; optional typing. */
    private GraphResponse markRead(ObjectNode p, PhoneNumber number) {
        String status = Json.text(p, "status");
        if (!"read".equals(status)) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param status must be \"read\"; got \"" + status + "\"."));
        }
        String messageId = Json.text(p, "message_id");
        if (messageId == null) {
            throw new GraphException(MetaErrors.requiredParameter("message_id"));
        }
        Conversations.MessageRef ref = sim.conversations.find(number.id, messageId);
        if (ref == null || !ref.inbound()) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Message " + messageId + " was not received by this" + " number in the last 30 days."));
        }
        boolean typing = false;
        if (Json.has(p, "typing_indicator")) {
            String typingType = Json.text(p.get("typing_indicator"), "type");
            if (!"text".equals(typingType)) {
                throw new GraphException(
                        MetaErrors.invalidParameter("Param typing_indicator['type'] must be \"text\"."));
            }
            typing = true;
        }
        sim.outbox.add(new ReadReceipt(number.id, messageId, typing, sim.now()));
        return GraphResponse.success();
    }

    static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (RuntimeException e) {
            return 23;
        }
    }
}
