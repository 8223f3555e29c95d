package org.openchakra.whatsapp.group;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.Caller;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.graph.ForwardedBody;
import org.openchakra.whatsapp.graph.GraphEdges;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaSchemas;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.template.PagingLinks;
import org.openchakra.whatsapp.template.PassThroughQuery;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Groups pass-through (whatsapp.md §7, meta-cloud-api.md §10.1): Meta's bodies and answers, unwrapped.
 * A group id resolves only for the plugin that runs it; Meta tells its id in a webhook after the create,
 * and listings of a number's groups tell the rest.
 */
@RestController
@RequiresPrivilege(Privileges.WHATSAPP_SEND)
class GroupController {

    private final PluginDirectory directory;
    private final WhatsappGroups groups;
    private final GraphEdges edges;
    private final PublicBaseUrl baseUrl;

    public GroupController(PluginDirectory directory, WhatsappGroups groups, GraphEdges edges, PublicBaseUrl baseUrl) {
        this.directory = directory;
        this.groups = groups;
        this.edges = edges;
        this.baseUrl = baseUrl;
    }

    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{phoneNumberId}/groups")
    @ApiOperation(
            id = "createGroup",
            summary = "Create a WhatsApp group on a number",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> create(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String phoneNumberId,
            HttpServletRequest request)
            throws IOException {
        ForwardedBody body = GraphEdges.body(request);
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        directory.number(plugin, phoneNumberId);
        return GraphEdges.unwrapped(edges.forward(plugin.target(), request, body, version, phoneNumberId, "groups"));
    }

    /** Every group listed is remembered as the plugin's: ids made before OpenChakra knew the number resolve too. */
    @GetMapping("/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{phoneNumberId}/groups")
    @ApiOperation(
            id = "listGroups",
            summary = "A number's groups (Meta's page, links pointing here)",
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> list(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String phoneNumberId,
            HttpServletRequest request)
            throws IOException {
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        directory.number(plugin, phoneNumberId);
        MetaReply reply =
                edges.forward(plugin.target(), request, GraphEdges.body(request), version, phoneNumberId, "groups");
        JsonNode page = reply.json();
        if (!reply.ok() || !page.isObject()) {
            return GraphEdges.unwrapped(reply);
        }
        for (JsonNode group : page.path("data").path("groups").values()) {
            groups.remember(caller.teamId(), pluginId, group.path("id").asString(null), phoneNumberId);
        }
        PagingLinks.rewrite(
                page, baseUrl.of(request) + request.getRequestURI(), PassThroughQuery.parse(request.getQueryString()));
        return ResponseEntity.status(reply.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(page);
    }

    @RequestMapping(
            path = "/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{groupId}",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE})
    @ApiOperation(
            method = RequestMethod.GET,
            id = "getGroup",
            summary = "A group's info",
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "updateGroup",
            summary = "Change a group's settings",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.DELETE,
            id = "deleteGroup",
            summary = "Delete a group",
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> group(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String groupId,
            HttpServletRequest request)
            throws IOException {
        return onGroup(caller, pluginId, version, groupId, null, request);
    }

    @RequestMapping(
            path = "/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{groupId}/invite_link",
            method = {RequestMethod.GET, RequestMethod.POST})
    @ApiOperation(
            method = RequestMethod.GET,
            id = "getGroupInviteLink",
            summary = "A group's invite link",
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "resetGroupInviteLink",
            summary = "Make a new invite link",
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> inviteLink(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String groupId,
            HttpServletRequest request)
            throws IOException {
        return onGroup(caller, pluginId, version, groupId, "invite_link", request);
    }

    /** GET lists, POST approves, DELETE rejects. */
    @RequestMapping(
            path = "/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{groupId}/join_requests",
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE})
    @ApiOperation(
            method = RequestMethod.GET,
            id = "listGroupJoinRequests",
            summary = "A group's join requests",
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "approveGroupJoinRequests",
            summary = "Approve join requests",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.DELETE,
            id = "rejectGroupJoinRequests",
            summary = "Reject join requests",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> joinRequests(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String groupId,
            HttpServletRequest request)
            throws IOException {
        return onGroup(caller, pluginId, version, groupId, "join_requests", request);
    }

    /** Only removal: businesses cannot add people to a group (they share the invite link). */
    @DeleteMapping("/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{groupId}/participants")
    @ApiOperation(
            id = "removeGroupParticipants",
            summary = "Remove participants from a group",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> removeParticipants(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String groupId,
            HttpServletRequest request)
            throws IOException {
        return onGroup(caller, pluginId, version, groupId, "participants", request);
    }

    private ResponseEntity<Object> onGroup(
            Caller caller, UUID pluginId, String version, String groupId, String edge, HttpServletRequest request)
            throws IOException {
        ForwardedBody body = GraphEdges.body(request);
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        UUID owner = groups.pluginOf(caller.teamId(), groupId).orElse(null);
        if (!pluginId.equals(owner)) {
            // Unknown to the team, or run by another of its plugins: either way not this plugin's group.
            throw ApiException.notFound("Group " + shown(groupId) + " is not a group of WhatsApp plugin " + pluginId);
        }
        return GraphEdges.unwrapped(edges.forward(plugin.target(), request, body, version, groupId, edge));
    }

    private static String shown(String id) {
        return id.length() > 100 ? id.substring(0, 100) + "..." : id;
    }
}
