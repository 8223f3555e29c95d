package org.openchakra.metasim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control API under {@code /_sim/} (a prefix Meta never uses) for a standalone simulator: register accounts,
 * seed templates, inject inbound traffic, flip switches, read the outbox. JSON in, JSON out; errors are
 * {@code {"error": "..."}} with HTTP 400/404. Unauthenticated: bind to loopback. Documented in the README.
 */
final class ControlApi implements Function<GraphRequest, GraphResponse> {

    private final MetaSimulator sim;

    ControlApi(MetaSimulator sim) {
        this.sim = sim;
    }

    @Override
    public GraphResponse apply(GraphRequest req) {
        String route = req.method + " " + req.path.substring(GraphApi.CONTROL_PREFIX.length() - 1);
        try {
            ObjectNode body = req.method.equals("GET") || req.method.equals("DELETE") ? Json.object() : req.params();
            return switch (route) {
                case "GET /health" ->
                    GraphResponse.ok(Json.object().put("ok", true).put("base_url", sim.baseUrl()));
                case "POST /businesses" -> registerBusiness(body);
                case "POST /templates" -> seedTemplate(body);
                case "POST /templates/status" -> templateStatus(body);
                case "POST /inbound" -> inbound(body);
                case "POST /calls/inbound" ->
                    GraphResponse.ok(Json.object()
                            .put(
                                    "id",
                                    sim.injectInboundCall(
                                            required(body, "phone_number_id"),
                                            required(body, "from"),
                                            Json.text(body, "sdp") == null ? "v=0" : Json.text(body, "sdp"))));
                case "POST /calls/permissions" -> {
                    String status = Json.text(body, "status") == null ? "granted" : Json.text(body, "status");
                    if (!status.equals("granted") && !status.equals("denied")) {
                        throw new IllegalArgumentException("status must be granted or denied");
                    }
                    sim.callPermission(
                            required(body, "phone_number_id"), required(body, "wa_id"), status.equals("granted"));
                    yield ok();
                }
                case "POST /statuses/next" -> {
                    JsonNode code = body.path("error_code");
                    sim.nextStatus(
                            required(body, "phone_number_id"),
                            required(body, "wa_id"),
                            required(body, "status"),
                            code.isIntegralNumber() ? code.asInt() : null);
                    yield ok();
                }
                case "POST /groups/join" -> {
                    String request = sim.joinGroup(required(body, "group_id"), required(body, "wa_id"));
                    yield GraphResponse.ok(Json.object().put("join_request_id", request));
                }
                case "GET /outbox" -> outbox(req);
                case "GET /outbox/summary" -> outboxSummary(req);
                case "DELETE /outbox" -> {
                    sim.clearOutbox();
                    yield ok();
                }
                case "GET /webhooks" -> webhooks();
                case "POST /webhooks/verify" -> verify(body);
                case "POST /switches" -> switches(body);
                case "POST /faults" -> fault(body);
                case "POST /down" -> {
                    sim.down(DownMode.valueOf(required(body, "mode").toUpperCase(Locale.ROOT)));
                    yield ok();
                }
                case "POST /up" -> {
                    sim.up();
                    yield ok();
                }
                case "POST /clock/advance" -> advance(body);
                case "POST /media/broken-links" -> {
                    sim.breakMediaLinks(required(body, "prefix"));
                    yield ok();
                }
                case "DELETE /media/broken-links" -> {
                    sim.repairMediaLinks();
                    yield ok();
                }
                case "POST /recipients" -> {
                    sim.recipientBehaviour(
                            required(body, "wa_id"),
                            RecipientBehaviour.valueOf(
                                    required(body, "behaviour").toUpperCase(Locale.ROOT)));
                    yield ok();
                }
                default -> GraphResponse.json(404, Json.object().put("error", "no control route " + route));
            };
        } catch (GraphException e) {
            return GraphResponse.json(400, Json.object().put("error", e.error().message()));
        } catch (RuntimeException e) {
            return GraphResponse.json(400, Json.object().put("error", String.valueOf(e.getMessage())));
        }
    }

    private GraphResponse registerBusiness(ObjectNode b) {
        BusinessAccountSpec.Builder spec = BusinessAccountSpec.builder(required(b, "waba_id"));
        if (Json.text(b, "name") != null) {
            spec.name(Json.text(b, "name"));
        }
        b.path("access_tokens").forEach(t -> spec.accessToken(t.asString()));
        if (Json.text(b, "access_token") != null) {
            spec.accessToken(Json.text(b, "access_token"));
        }
        if (Json.text(b, "app_secret") != null) {
            spec.appSecret(Json.text(b, "app_secret"));
        }
        spec.webhookUrl(Json.text(b, "webhook_url"));
        if (Json.text(b, "verify_token") != null) {
            spec.verifyToken(Json.text(b, "verify_token"));
        }
        for (JsonNode n : b.path("phone_numbers")) {
            List<String> allowed = new ArrayList<>();
            n.path("allowed_recipients").forEach(a -> allowed.add(a.asString()));
            spec.phoneNumber(new PhoneNumberSpec(
                    required(n, "id"),
                    required(n, "display_phone_number"),
                    Json.text(n, "verified_name"),
                    n.path("test_number").asBoolean(false),
                    allowed,
                    n.path("throughput_mps").asInt(80),
                    Json.text(n, "messaging_limit_tier")));
        }
        BusinessAccountSpec built = spec.build();
        sim.registerBusiness(built);
        ObjectNode answer = Json.object().put("waba_id", built.wabaId());
        if (b.path("sandbox_templates").asBoolean(false)) {
            ArrayNode ids = answer.putArray("template_ids");
            sim.seedSandboxTemplates(built.wabaId()).forEach(ids::add);
        }
        return GraphResponse.ok(answer);
    }

    private GraphResponse seedTemplate(ObjectNode t) {
        JsonNode components = t.get("components");
        TemplateSpec spec = new TemplateSpec(
                required(t, "name"),
                required(t, "language"),
                required(t, "category"),
                components == null ? "[]" : Json.string(components),
                Json.text(t, "status"),
                Json.text(t, "parameter_format"),
                t.path("paced").asBoolean(false));
        return GraphResponse.ok(Json.object().put("id", sim.seedTemplate(required(t, "waba_id"), spec)));
    }

    private GraphResponse templateStatus(ObjectNode t) {
        sim.setTemplateStatus(
                required(t, "waba_id"),
                required(t, "name"),
                required(t, "language"),
                required(t, "status"),
                Json.text(t, "reason"));
        return ok();
    }

    /** Same body as the sandbox's {@code POST /v1/sandbox/{pluginId}/inbound}, plus {@code phone_number_id}. */
    private GraphResponse inbound(ObjectNode m) {
        InboundMessage message = InboundMessage.fromSandboxJson(Json.string(m));
        return GraphResponse.ok(Json.object().put("id", sim.injectInbound(required(m, "phone_number_id"), message)));
    }

    private GraphResponse outbox(GraphRequest req) {
        String pnid = req.query.get("phone_number_id");
        int limit = req.query.get("limit") == null ? 100 : Integer.parseInt(req.query.get("limit"));
        List<OutboxEntry> entries = pnid == null ? sim.outbox() : sim.outbox(pnid);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        entries.stream().limit(limit).forEach(e -> {
            ObjectNode item = data.addObject();
            item.put("id", e.wamid());
            item.put("phone_number_id", e.phoneNumberId());
            item.put("to", e.to());
            item.put("wa_id", e.waId());
            item.put("type", e.type());
            item.put("api_version", e.apiVersion());
            item.put("received_at", e.receivedAt().toString());
            item.set("request", Json.parse(e.requestJson()));
        });
        return GraphResponse.ok(body);
    }

    private GraphResponse outboxSummary(GraphRequest req) {
        String pnid = req.query.get("phone_number_id");
        if (pnid == null) {
            throw new IllegalArgumentException("phone_number_id is required");
        }
        String prefix = req.query.get("wa_id_prefix");
        SendTally tally = sim.sendTally(pnid, prefix == null ? "" : prefix);
        ObjectNode body = Json.object();
        body.put("phone_number_id", pnid);
        body.put("sends", tally.sends());
        body.put("recipients", tally.recipients());
        body.put("recipients_more_than_once", tally.recipientsMoreThanOnce());
        body.put(
                "first_received_at",
                tally.firstAt() == null ? null : tally.firstAt().toString());
        body.put(
                "last_received_at",
                tally.lastAt() == null ? null : tally.lastAt().toString());
        return GraphResponse.ok(body);
    }

    private GraphResponse webhooks() {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (WebhookDelivery d : sim.webhookDeliveries()) {
            ObjectNode item = data.addObject();
            item.put("waba_id", d.wabaId());
            item.put("url", d.url());
            item.put("outcome", d.outcome());
            item.put("attempts", d.attempts());
            item.put("last_http_status", d.lastHttpStatus());
            item.put("duplicate", d.duplicate());
            item.set("body", Json.parse(d.body()));
        }
        return GraphResponse.ok(body);
    }

    private GraphResponse verify(ObjectNode b) {
        VerificationResult r = sim.verifyWebhook(required(b, "waba_id"));
        ObjectNode body = Json.object();
        body.put("verified", r.verified());
        body.put("http_status", r.httpStatus());
        body.put("challenge", r.challenge());
        body.put("body", r.body());
        return GraphResponse.ok(body);
    }

    private GraphResponse switches(ObjectNode s) {
        Switches sw = sim.switches();
        if (s.has("auth_error_http_status")) {
            sw.authErrorHttpStatus(s.get("auth_error_http_status").asInt());
        }
        if (s.has("rate_limit_http_status")) {
            sw.rateLimitHttpStatus(s.get("rate_limit_http_status").asInt());
        }
        if (s.has("window_error_mode")) {
            sw.windowErrorMode(
                    WindowErrorMode.valueOf(Json.text(s, "window_error_mode").toUpperCase(Locale.ROOT)));
        }
        if (s.has("enforce_window")) {
            sw.enforceWindow(s.get("enforce_window").asBoolean());
        }
        if (s.has("enforce_throughput")) {
            sw.enforceThroughput(s.get("enforce_throughput").asBoolean());
        }
        if (s.has("enforce_pair_rate")) {
            sw.enforcePairRate(s.get("enforce_pair_rate").asBoolean());
        }
        if (s.has("read_by_recipients")) {
            sw.readByRecipients(s.get("read_by_recipients").asBoolean());
        }
        if (s.has("skip_delivered_probability")) {
            sw.skipDeliveredProbability(s.get("skip_delivered_probability").asDouble());
        }
        if (s.has("duplicate_webhook_probability")) {
            sw.duplicateWebhookProbability(
                    s.get("duplicate_webhook_probability").asDouble());
        }
        if (s.has("reorder_statuses")) {
            sw.reorderStatuses(s.get("reorder_statuses").asBoolean());
        }
        if (s.has("webhook_batch_size")) {
            sw.webhookBatchSize(s.get("webhook_batch_size").asInt());
        }
        if (s.has("webhook_batch_window_ms")) {
            sw.webhookBatchWindow(
                    Duration.ofMillis(s.get("webhook_batch_window_ms").asLong()));
        }
        if (s.has("send_sha1_signature")) {
            sw.sendSha1Signature(s.get("send_sha1_signature").asBoolean());
        }
        if (s.has("template_review_outcome")) {
            sw.templateReviewOutcome(TemplateReviewOutcome.valueOf(
                    Json.text(s, "template_review_outcome").toUpperCase(Locale.ROOT)));
        }
        if (s.has("approve_templates_on_create")) {
            sw.approveTemplatesOnCreate(s.get("approve_templates_on_create").asBoolean());
        }
        if (s.has("sniff_media_content")) {
            sw.sniffMediaContent(s.get("sniff_media_content").asBoolean());
        }
        if (s.has("latency_ms")) {
            long min = s.get("latency_ms").asLong();
            long max = s.has("latency_max_ms") ? s.get("latency_max_ms").asLong() : min;
            sw.randomLatency(Duration.ofMillis(min), Duration.ofMillis(max));
        }
        return ok();
    }

    private GraphResponse fault(ObjectNode f) {
        Route route = f.has("route") ? Route.valueOf(required(f, "route").toUpperCase(Locale.ROOT)) : Route.ANY;
        int count = f.path("count").asInt(1);
        MetaError error = MetaError.of(f.path("code").asInt(131000));
        if (Json.text(f, "details") != null) {
            error = error.withDetails(Json.text(f, "details"));
        }
        if (f.has("http_status")) {
            error = error.withHttpStatus(f.get("http_status").asInt());
        }
        sim.failNext(route, count, error);
        return ok();
    }

    private GraphResponse advance(ObjectNode b) {
        if (!(sim.clock() instanceof MutableClock clock)) {
            throw new IllegalArgumentException("the clock is not a MutableClock (start with --manual-clock)");
        }
        clock.advance(Duration.ofMillis((long) (b.path("seconds").asDouble(0) * 1000)));
        return GraphResponse.ok(Json.object().put("now", clock.instant().toString()));
    }

    private static GraphResponse ok() {
        return GraphResponse.ok(Json.object().put("ok", true));
    }

    private static String required(JsonNode node, String field) {
        String value = Json.text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }
}
