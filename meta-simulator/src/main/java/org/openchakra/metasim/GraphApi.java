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

  GraphApi(Simulation sim, MessageService messages, TemplateService templates, MediaService media,
      GroupService groups, CallingService calling) {
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
      if (segments.isEmpty() || !VERSION.matcher(segments.getFirst()).matches() || segments.size() < 2
          || segments.size() > 3) {
        throw new GraphException(MetaErrors.unknownPath(req.path));
      }
      version = segments.getFirst();
      Set<String> scope = sim.registry.authenticate(req.authorization);
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
  private record Target(String wabaId, PhoneNumber number, Business business, Template template,
      MediaObject media, GroupStore.Group group) {}

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
      return checked(new Target(template.get().wabaId, null, null, template.get(), null, null), scope, method, id);
    }
    var mediaObject = sim.media.find(id);
    if (mediaObject.isPresent()) {
      return checked(new Target(mediaObject.get().wabaId(), null, null, null, mediaObject.get(), null), scope,
          method, id);
    }
    var group = sim.groups.find(id).filter(g -> !g.deleted());
    if (group.isPresent()) {
      String waba = sim.registry.number(group.get().phoneNumberId).map(n -> n.wabaId).orElse("");
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
    String m = req.method;
    if (t.number != null) {
      PhoneNumber n = t.number;
      if (edge == null && m.equals("GET")) {
        sim.faults.check(Route.OBJECT_GET);
        return GraphResponse.ok(ObjectViews.phoneNumber(n, TemplateService.fields(req.query.get("fields"))));
      }
      if (edge != null) {
        switch (edge + " " + m) {
          case "messages POST" -> {
            return messages.handle(req, n, version);
          }
          case "media POST" -> {
            sim.faults.check(Route.MEDIA_UPLOAD);
            return media.upload(req, n);
          }
          case "whatsapp_business_encryption GET", "whatsapp_business_encryption POST" -> {
            sim.faults.check(Route.ENCRYPTION_KEY);
            return encryption.handle(req, n);
          }
          case "groups GET" -> {
            sim.faults.check(Route.GROUPS);
            return groups.list(req, n);
          }
          case "groups POST" -> {
            sim.faults.check(Route.GROUPS);
            return groups.create(req, n);
          }
          case "settings GET", "settings POST" -> {
            sim.faults.check(Route.CALLING);
            return calling.settings(req, n);
          }
          case "call_permissions GET" -> {
            sim.faults.check(Route.CALLING);
            return calling.permissions(req, n);
          }
          case "calls POST" -> {
            sim.faults.check(Route.CALLING);
            return calling.calls(req, n);
          }
          default -> { }
        }
      }
    } else if (t.business != null) {
      Business b = t.business;
      if (edge == null && m.equals("GET")) {
        sim.faults.check(Route.OBJECT_GET);
        return GraphResponse.ok(ObjectViews.business(b, TemplateService.fields(req.query.get("fields"))));
      }
      if ("message_templates".equals(edge)) {
        switch (m) {
          case "GET" -> {
            sim.faults.check(Route.TEMPLATE_LIST);
            return templates.list(req, b, version);
          }
          case "POST" -> {
            sim.faults.check(Route.TEMPLATE_CREATE);
            return templates.create(req, b);
          }
          case "DELETE" -> {
            sim.faults.check(Route.TEMPLATE_DELETE);
            return templates.delete(req, b);
          }
          default -> { }
        }
      }
      if ("phone_numbers".equals(edge) && m.equals("GET")) {
        sim.faults.check(Route.OBJECT_GET);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        b.numbers.values().forEach(n -> data.add(ObjectViews.phoneNumber(n, List.of())));
        return GraphResponse.ok(body);
      }
    } else if (t.template != null && edge == null) {
      if (m.equals("GET")) {
        sim.faults.check(Route.TEMPLATE_GET);
        return templates.get(req, t.template);
      }
      if (m.equals("POST")) {
        sim.faults.check(Route.TEMPLATE_EDIT);
        return templates.edit(req, t.template);
      }
    } else if (t.media != null && edge == null) {
      if (m.equals("GET")) {
        sim.faults.check(Route.MEDIA_GET);
        return media.get(req, t.media);
      }
      if (m.equals("DELETE")) {
        sim.faults.check(Route.MEDIA_DELETE);
        return media.delete(req, t.media);
      }
    } else if (t.group != null) {
      sim.faults.check(Route.GROUPS);
      GroupStore.Group g = t.group;
      if (edge == null) {
        switch (m) {
          case "GET" -> {
            return groups.get(req, g);
          }
          case "POST" -> {
            return groups.update(req, g);
          }
          case "DELETE" -> {
            return groups.delete(g);
          }
          default -> { }
        }
      } else {
        switch (edge) {
          case "invite_link" -> {
            return groups.inviteLink(req, g);
          }
          case "join_requests" -> {
            return groups.joinRequests(req, g);
          }
          case "participants" -> {
            return groups.participants(req, g);
          }
          default -> { }
        }
      }
    }
    if (edge == null) {
      throw new GraphException(MetaErrors.unknownObject(m, req.segments().get(1)));
    }
    throw new GraphException(MetaErrors.unknownPath(req.path));
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
      response.headers().put("x-business-use-case-usage", "{\"" + wabaId + "\":[{\"type\":"
          + "\"whatsapp_business_management\",\"call_count\":1,\"total_cputime\":1,\"total_time\":1,"
          + "\"estimated_time_to_regain_access\":0},{\"type\":\"whatsapp\",\"call_count\":1,\"total_cputime\":1,"
          + "\"total_time\":1,\"estimated_time_to_regain_access\":0}]}");
    }
  }
}
