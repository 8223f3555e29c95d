package org.openchakra.metasim;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Graph router (spec 8.1): {@code /{vN.M}/{object-id}[/{edge}]}. Order of checks, as Meta's: version and
 * path shape, bearer token (190), object lookup and access (100/33), injected faults, then the route itself.
 */
final class GraphApi implements Function<GraphRequest, GraphResponse> {

    private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+");
    static final String CONTROL_PREFIX = "/_sim/";

    private final Simulation sim;
    private final MessageService messages;
    private final TemplateService templates;
    private final MediaService media;
    private final EncryptionService encryption = new EncryptionService();
    private final GroupService groups;
    private final CallingService calling;
    private volatile Function<GraphRequest, GraphResponse> control;

    GraphApi(
            Simulation sim,
            MessageService messages,
            TemplateService templates,
            MediaService media,
            GroupService groups,
            CallingService calling) {
        this.sim = sim;
        this.messages = messages;
        this.templates = templates;
        this.media = media;
        this.groups = groups;
        this.calling = calling;
    }

    void control(Function<GraphRequest, GraphResponse> controlApi) {
        this.control = controlApi;
    }

    @Override
    public GraphResponse apply(GraphRequest req) {
        if (req.path.startsWith(CONTROL_PREFIX) || req.path.equals("/_sim")) {
            Function<GraphRequest, GraphResponse> c = control;
            return c != null ? c.apply(req) : GraphResponse.text(404, "control API disabled");
        }
        String version = "v23.0";
        String wabaForHeaders = null;
        GraphResponse response;
        try {
            sleepLatency();
            if (req.path.startsWith(MediaService.DOWNLOAD_PATH)) {
                sim.faults.check(Route.MEDIA_DOWNLOAD);
                return media.download(req);
            }
            List<String> segments = req.segments();
            if (segments.isEmpty()
                    || !VERSION.matcher(segments.getFirst()).matches()
                    || segments.size() < 2
                    || segments.size() > 3) {
                throw new GraphException(MetaErrors.unknownPath(req.path));
            }
            version = segments.getFirst();
            // Graph also takes the token as an access_token query parameter.
            String authorization = req.authorization != null || req.query.get("access_token") == null
                    ? req.authorization
                    : "Bearer " + req.query.get("access_token");
            Set<String> scope = sim.registry.authenticate(authorization);
            String id = segments.get(1);
            String edge = segments.size() == 3 ? segments.get(2) : null;
            Target target = resolve(req.method, id, scope);
            wabaForHeaders = target.wabaId;
            response = route(req, target, edge, version);
        } catch (GraphException e) {
            MetaError error = sim.switches.adjust(e.error());
            response = GraphResponse.json(error.httpStatus(), error.toResponseBody(sim.ids.trace(23)));
        }
        addHeaders(response, version, wabaForHeaders);
        return response;
    }

    /** What an object id names, with the WABA it belongs to (for access checks and usage headers). */
    private record Target(
            String wabaId,
            PhoneNumber number,
            Business business,
            Template template,
            MediaObject media,
            GroupStore.Group group) {}

    private Target resolve(String method, String id, Set<String> scope) {
        var number = sim.registry.number(id);
        if (number.isPresent()) {
            return checked(new Target(number.get().wabaId, number.get(), null, null, null, null), scope, method, id);
        }
        var business = sim.registry.business(id);
        if (business.isPresent()) {
            return checked(new Target(id, null, business.get(), null, null, null), scope, method, id);
        }
        var template = sim.templates.byId(id);
        if (template.isPresent()) {
            return checked(
                    new Target(template.get().wabaId, null, null, template.get(), null, null), scope, method, id);
        }
        var mediaObject = sim.media.find(id);
        if (mediaObject.isPresent()) {
            return checked(
                    new Target(mediaObject.get().wabaId(), null, null, null, mediaObject.get(), null),
                    scope,
                    method,
                    id);
        }
        var group = sim.groups.find(id).filter(g -> !g.deleted());
        if (group.isPresent()) {
            String waba = sim.registry
                    .number(group.get().phoneNumberId)
                    .map(n -> n.wabaId)
                    .orElse("");
            return checked(new Target(waba, null, null, null, null, group.get()), scope, method, id);
        }
        throw new GraphException(MetaErrors.unknownObject(method, id));
    }

    private static Target checked(Target target, Set<String> scope, String method, String id) {
        if (!scope.contains(target.wabaId)) {
            throw new GraphException(MetaErrors.unknownObject(method, id));
        }
        return target;
    }

    private GraphResponse route(GraphRequest req, Target t, String edge, String version) {
        GraphResponse response;
        if (t.number != null) {
            response = numberRoute(req, t.number, edge, version);
        } else if (t.business != null) {
            response = businessRoute(req, t.business, edge, version);
        } else if (t.template != null) {
            response = edge == null ? templateRoute(req, t.template) : null;
        } else if (t.media != null) {
            response = edge == null ? mediaRoute(req, t.media) : null;
        } else {
            response = groupRoute(req, t.group, edge);
        }
        if (response != null) {
            return response;
        }
        if (edge == null) {
            throw new GraphException(
                    MetaErrors.unknownObject(req.method, req.segments().get(1)));
        }
        throw new GraphException(MetaErrors.unknownPath(req.path));
    }

    /** Routes of a phone-number id; null when the method/edge pair does not exist. */
    private GraphResponse numberRoute(GraphRequest req, PhoneNumber n, String edge, String version) {
        String key = (edge == null ? "" : edge) + " " + req.method;
        return switch (key) {
            case " GET" -> {
                sim.faults.check(Route.OBJECT_GET);
                yield GraphResponse.ok(ObjectViews.phoneNumber(n, TemplateService.fields(req.query.get("fields"))));
            }
            case "messages POST" -> messages.handle(req, n, version);
            case "media POST" -> {
                sim.faults.check(Route.MEDIA_UPLOAD);
                yield media.upload(req, n);
            }
            case "whatsapp_business_encryption GET", "whatsapp_business_encryption POST" -> {
                sim.faults.check(Route.ENCRYPTION_KEY);
                yield encryption.handle(req, n);
            }
            case "groups GET" -> {
                sim.faults.check(Route.GROUPS);
                yield groups.list(req, n);
            }
            case "groups POST" -> {
                sim.faults.check(Route.GROUPS);
                yield groups.create(req, n);
            }
            case "settings GET", "settings POST" -> {
                sim.faults.check(Route.CALLING);
                yield calling.settings(req, n);
            }
            case "call_permissions GET" -> {
                sim.faults.check(Route.CALLING);
                yield calling.permissions(req, n);
            }
            case "calls POST" -> {
                sim.faults.check(Route.CALLING);
                yield calling.calls(req, n);
            }
            default -> null;
        };
    }

    /** Routes of a WABA id; each counts toward the WABA management rate (80007). */
    private GraphResponse businessRoute(GraphRequest req, Business b, String edge, String version) {
        String key = (edge == null ? "" : edge) + " " + req.method;
        if (edge == null || edge.equals("message_templates") || edge.equals("phone_numbers")) {
            sim.managementRate.take(b.wabaId);
        }
        return switch (key) {
            case " GET" -> {
                sim.faults.check(Route.OBJECT_GET);
                yield GraphResponse.ok(ObjectViews.business(b, TemplateService.fields(req.query.get("fields"))));
            }
            case "message_templates GET" -> {
                sim.faults.check(Route.TEMPLATE_LIST);
                yield templates.list(req, b, version);
            }
            case "message_templates POST" -> {
                sim.faults.check(Route.TEMPLATE_CREATE);
                yield templates.create(req, b);
            }
            case "message_templates DELETE" -> {
                sim.faults.check(Route.TEMPLATE_DELETE);
                yield templates.delete(req, b);
            }
            case "phone_numbers GET" -> {
                sim.faults.check(Route.OBJECT_GET);
                ObjectNode body = Json.object();
                ArrayNode data = body.putArray("data");
                b.numbers.values().forEach(n -> data.add(ObjectViews.phoneNumber(n, List.of())));
                yield GraphResponse.ok(body);
            }
            default -> null;
        };
    }

    private GraphResponse templateRoute(GraphRequest req, Template template) {
        sim.managementRate.take(template.wabaId);
        return switch (req.method) {
            case "GET" -> {
                sim.faults.check(Route.TEMPLATE_GET);
                yield templates.get(req, template);
            }
            case "POST" -> {
                sim.faults.check(Route.TEMPLATE_EDIT);
                yield templates.edit(req, template);
            }
            default -> null;
        };
    }

    private GraphResponse mediaRoute(GraphRequest req, MediaObject object) {
        return switch (req.method) {
            case "GET" -> {
                sim.faults.check(Route.MEDIA_GET);
                yield media.get(req, object);
            }
            case "DELETE" -> {
                sim.faults.check(Route.MEDIA_DELETE);
                yield media.delete(req, object);
            }
            default -> null;
        };
    }

    private GraphResponse groupRoute(GraphRequest req, GroupStore.Group g, String edge) {
        sim.faults.check(Route.GROUPS);
        String key = (edge == null ? "" : edge) + " " + req.method;
        return switch (key) {
            case " GET" -> groups.get(req, g);
            case " POST" -> groups.update(req, g);
            case " DELETE" -> groups.delete(g);
            case "invite_link GET", "invite_link POST", "invite_link DELETE" -> groups.inviteLink(req, g);
            case "join_requests GET", "join_requests POST", "join_requests DELETE" -> groups.joinRequests(req, g);
            case "participants POST", "participants DELETE" -> groups.participants(req, g);
            default -> null;
        };
    }

    private void sleepLatency() {
        Duration min = sim.switches.minLatency();
        Duration max = sim.switches.maxLatency();
        if (max.isZero()) {
            return;
        }
        long spread = max.toMillis() - min.toMillis();
        long millis = min.toMillis() + (spread > 0 ? (long) (sim.random.nextDouble() * (spread + 1)) : 0);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The response headers of spec 0; usage numbers are plausible constants. */
    private void addHeaders(GraphResponse response, String version, String wabaId) {
        response.headers().put("facebook-api-version", version);
        response.headers().put("x-fb-trace-id", sim.ids.trace(11));
        response.headers().put("x-fb-request-id", sim.ids.trace(23));
        response.headers().put("x-app-usage", "{\"call_count\":0,\"total_cputime\":0,\"total_time\":0}");
        if (wabaId != null) {
            int used = sim.managementRate.usagePercent(wabaId);
            response.headers()
                    .put(
                            "x-business-use-case-usage",
                            "{\"" + wabaId + "\":[{\"type\":"
                                    + "\"whatsapp_business_management\",\"call_count\":" + used
                                    + ",\"total_cputime\":1,\"total_time\":1,"
                                    + "\"estimated_time_to_regain_access\":0},{\"type\":\"whatsapp\",\"call_count\":1,\"total_cputime\":1,"
                                    + "\"total_time\":1,\"estimated_time_to_regain_access\":0}]}");
        }
    }
}
