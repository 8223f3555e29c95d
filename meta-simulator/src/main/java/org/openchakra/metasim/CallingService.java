package org.openchakra.metasim;

import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Calling API of spec 10.2: settings, call permissions, call actions and inbound call injection. */
final class CallingService {

    private static final Set<String> FEATURE_BLOCKS =
            Set.of("calling", "user_identity_change", "payload_encryption", "storage_configuration");

    private final Simulation sim;

    CallingService(Simulation sim) {
        this.sim = sim;
    }

    GraphResponse settings(GraphRequest req, PhoneNumber number) {
        if (req.method.equals("GET")) {
            ObjectNode settings = number.settings.deepCopy();
            if (!"true".equalsIgnoreCase(req.query.get("include_sip_credentials"))) {
                settings.path("calling").path("sip").path("servers").forEach(s -> {
                    if (s.isObject()) {
                        ((ObjectNode) s).remove("sip_user_password");
                    }
                });
            }
            return GraphResponse.ok(settings);
        }
        ObjectNode p = req.params();
        p.remove("messaging_product");
        p.remove("access_token");
        if (p.size() != 1
                || !FEATURE_BLOCKS.contains(p.propertyNames().iterator().next())) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Send exactly one of calling, user_identity_change, payload_encryption, storage_configuration."));
        }
        String block = p.propertyNames().iterator().next();
        JsonNode update = p.get(block);
        if (!update.isObject()) {
            throw new GraphException(MetaErrors.invalidParameter("Param " + block + " must be an object."));
        }
        synchronized (number) {
            ObjectNode settings = number.settings.deepCopy();
            ObjectNode target = settings.has(block) && settings.get(block).isObject()
                    ? (ObjectNode) settings.get(block)
                    : settings.putObject(block);
            update.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
            number.settings = settings;
        }
        return GraphResponse.success();
    }

    GraphResponse permissions(GraphRequest req, PhoneNumber number) {
        String user = req.query.get("user_wa_id") != null ? req.query.get("user_wa_id") : req.query.get("recipient");
        if (user == null) {
            throw new GraphException(MetaErrors.requiredParameter("user_wa_id"));
        }
        boolean granted = sim.calls.permitted(number.id, PhoneNumbers.digits(user));
        ObjectNode body = Json.object();
        body.put("messaging_product", "whatsapp");
        ObjectNode permission = body.putObject("permission");
        permission.put("status", granted ? "granted" : "denied");
        if (granted) {
            permission.put(
                    "expiration_time", sim.now().plusSeconds(7 * 24 * 3600).getEpochSecond());
        }
        ArrayNode actions = body.putArray("actions");
        action(actions, "start_call", granted, 100);
        action(actions, "send_call_permission_request", true, 5);
        return GraphResponse.ok(body);
    }

    private void action(ArrayNode actions, String name, boolean allowed, int max) {
        ObjectNode action = actions.addObject();
        action.put("action_name", name);
        action.put("can_perform_action", allowed);
        ObjectNode limit = action.putArray("limits").addObject();
        limit.put("time_period", "24h");
        limit.put("current_usage", 0);
        limit.put("max_allowed", max);
        limit.put("limit_expiration_time", sim.now().plusSeconds(24 * 3600).getEpochSecond());
    }

    GraphResponse calls(GraphRequest req, PhoneNumber number) {
        ObjectNode p = req.params();
        String product = Json.text(p, "messaging_product");
        if (product == null) {
            throw new GraphException(MetaErrors.requiredParameter("messaging_product"));
        }
        MediaService.checkProduct(product);
        String action = Json.text(p, "action");
        if (action == null) {
            throw new GraphException(MetaErrors.requiredParameter("action"));
        }
        if (!callingEnabled(number)) {
            throw new GraphException(MetaErrors.invalidParameter("Calling is not enabled for this phone number."));
        }
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "connect" -> connect(p, number);
            case "pre_accept" -> transition(p, number, CallStore.State.RINGING, CallStore.State.PRE_ACCEPTED, true);
            case "accept" -> transition(p, number, null, CallStore.State.ACCEPTED, true);
            case "reject" -> transition(p, number, null, CallStore.State.REJECTED, false);
            case "terminate" -> transition(p, number, null, CallStore.State.TERMINATED, false);
            default ->
                throw new GraphException(MetaErrors.invalidParameter(
                        "Param action must be one of connect, pre_accept, accept, reject, terminate."));
        };
    }

    private GraphResponse connect(ObjectNode p, PhoneNumber number) {
        String to = Json.text(p, "to");
        if (to == null || !PhoneNumbers.isValid(to)) {
            throw new GraphException(MetaErrors.requiredParameter("to"));
        }
        requireSdp(p, "offer");
        String waId = PhoneNumbers.digits(to);
        if (!sim.calls.permitted(number.id, waId)) {
            throw new GraphException(MetaError.of(138006, "The user has not given this business permission to call."));
        }
        String opaque = opaque(p);
        CallStore.Call call = new CallStore.Call("wacid." + sim.ids.opaque(24), number.id, waId, false);
        call.bizOpaqueCallbackData = opaque;
        sim.calls.add(call);
        ObjectNode answer = Json.object();
        answer.put("messaging_product", "whatsapp");
        answer.putArray("calls").addObject().put("id", call.id);
        return GraphResponse.ok(answer);
    }

    private GraphResponse transition(
            ObjectNode p, PhoneNumber number, CallStore.State requiredFrom, CallStore.State to, boolean needsSdp) {
        String callId = Json.text(p, "call_id");
        CallStore.Call call = callId != null
                ? sim.calls.find(callId).orElse(null)
                : Json.text(p, "to") == null
                        ? null
                        : sim.calls
                                .liveCallWith(number.id, PhoneNumbers.digits(Json.text(p, "to")))
                                .orElse(null);
        if (call == null
                || !call.phoneNumberId.equals(number.id)
                || call.finished()
                || (requiredFrom != null && call.state != requiredFrom)
                || (to == CallStore.State.ACCEPTED && call.state == CallStore.State.ACCEPTED)) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Call " + callId + " is unknown, finished or not in a" + " state that allows this action."));
        }
        if (needsSdp) {
            requireSdp(p, "answer");
        }
        String opaque = opaque(p);
        if (opaque != null) {
            call.bizOpaqueCallbackData = opaque;
        }
        call.state = to;
        if (to == CallStore.State.TERMINATED || to == CallStore.State.REJECTED) {
            publishCallEvent(number, call, "terminate", null);
        }
        return GraphResponse.success();
    }

    private static boolean callingEnabled(PhoneNumber number) {
        return "ENABLED".equalsIgnoreCase(Json.text(number.settings.path("calling"), "status"));
    }

    /** Tracking text of {@code connect} and {@code accept}, echoed in the call's later webhooks (spec 10.2). */
    private static String opaque(ObjectNode p) {
        String opaque = Json.text(p, "biz_opaque_callback_data");
        if (opaque != null && opaque.length() > 512) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param biz_opaque_callback_data must be at most 512 characters long."));
        }
        return opaque;
    }

    private static void requireSdp(ObjectNode p, String sdpType) {
        JsonNode session = Checks.requireObject(p, "session", "session");
        String sdp = Json.text(session, "sdp");
        if (sdp == null || sdp.isBlank()) {
            throw new GraphException(MetaErrors.missing("Parameter session['sdp'] is required."));
        }
        String declared = Json.text(session, "sdp_type");
        if (declared != null && !declared.equals(sdpType)) {
            throw new GraphException(MetaErrors.invalidParameter("Param session['sdp_type'] must be " + sdpType + "."));
        }
    }

    /** A user calls the business: {@code calls} webhook with {@code event: connect}; opens the 24 h window. */
    String inboundCall(PhoneNumber number, String fromWaId, String sdp) {
        if (!callingEnabled(number)) {
            throw new IllegalStateException("Calling is not enabled for phone number " + number.id
                    + ": WhatsApp offers its users no call button (POST /{phone-number-id}/settings"
                    + " {\"calling\": {\"status\": \"ENABLED\"}})");
        }
        String waId = PhoneNumbers.digits(fromWaId);
        CallStore.Call call = new CallStore.Call("wacid." + sim.ids.opaque(24), number.id, waId, true);
        sim.calls.add(call);
        sim.conversations.openWindow(number.id, waId);
        ObjectNode session = Json.object();
        session.put("sdp_type", "offer");
        session.put("sdp", sdp);
        publishCallEvent(number, call, "connect", session);
        return call.id;
    }

    private void publishCallEvent(PhoneNumber number, CallStore.Call call, String event, ObjectNode session) {
        Business business = sim.registry.businessOf(number);
        ObjectNode value = WebhookPayloads.messagesValue(number);
        ObjectNode item = value.putArray("calls").addObject();
        item.put("id", call.id);
        item.put("from", call.inbound ? call.waId : number.waId);
        item.put("to", call.inbound ? number.waId : call.waId);
        item.put("event", event);
        item.put("timestamp", WebhookPayloads.epoch(sim.now()));
        item.put("direction", call.inbound ? "USER_INITIATED" : "BUSINESS_INITIATED");
        if (session != null) {
            item.set("session", session);
        }
        if (call.bizOpaqueCallbackData != null) {
            item.put("biz_opaque_callback_data", call.bizOpaqueCallbackData);
        }
        sim.webhooks.publish(business, WebhookPayloads.entry(business.wabaId, "calls", value));
    }
}
