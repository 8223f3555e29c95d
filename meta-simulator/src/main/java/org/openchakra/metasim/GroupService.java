package org.openchakra.metasim;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Groups API of spec 10.1: create (id and invite link arrive by {@code group_lifecycle_update} webhook), list,
 * read, update, delete, invite links, join requests and participant removal. Shapes marked uncertain in the
 * spec follow its "expect" column.
 */
final class GroupService {

    private final Simulation sim;

    GroupService(Simulation sim) {
        this.sim = sim;
    }

    GraphResponse create(GraphRequest req, PhoneNumber number) {
        ObjectNode p = req.params();
        requireProduct(p);
        String subject = Json.text(p, "subject");
        if (subject == null || subject.isBlank()) {
            throw new GraphException(MetaErrors.requiredParameter("subject"));
        }
        subject = subject.trim();
        Checks.maxLength(subject, 128, "subject");
        String description = Json.text(p, "description");
        Checks.maxLength(description, 2048, "description");
        String mode = Json.text(p, "join_approval_mode") == null ? "auto_approve" : Json.text(p, "join_approval_mode");
        if (!mode.equals("auto_approve") && !mode.equals("approval_required")) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param join_approval_mode must be approval_required or auto_approve."));
        }
        GroupStore.Group group =
                new GroupStore.Group(sim.ids.opaque(40), number.id, subject, description, mode, sim.now());
        group.inviteLink = newInviteLink();
        sim.groups.add(group);
        String requestId = sim.ids.hex(16);
        sim.later(sim.config.sentDelay(), () -> {
            ObjectNode event = groupEvent(group, "group_create");
            event.put("request_id", requestId);
            event.put("subject", group.subject);
            if (group.description != null) {
                event.put("description", group.description);
            }
            event.put("invite_link", group.inviteLink);
            event.put("join_approval_mode", group.joinApprovalMode);
            publish(number, "group_lifecycle_update", event);
        });
        ObjectNode answer = Json.object();
        answer.put("messaging_product", "whatsapp");
        answer.put("request_id", requestId);
        return GraphResponse.ok(answer);
    }

    GraphResponse list(GraphRequest req, PhoneNumber number) {
        int limit = 25;
        if (req.query.get("limit") != null) {
            try {
                limit = Integer.parseInt(req.query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1024) {
                throw new GraphException(MetaErrors.invalidParameter("Param limit must be between 1 and 1024."));
            }
        }
        List<GroupStore.Group> all = sim.groups.of(number.id);
        int start = 0;
        String after = req.query.get("after");
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id.equals(after)) {
                    start = i + 1;
                }
            }
        }
        List<GroupStore.Group> page = all.subList(Math.min(start, all.size()), Math.min(all.size(), start + limit));
        ObjectNode body = Json.object();
        ArrayNode groups = body.putObject("data").putArray("groups");
        for (GroupStore.Group g : page) {
            ObjectNode item = groups.addObject();
            item.put("id", g.id);
            item.put("subject", g.subject);
            item.put("created_at", g.createdAt.getEpochSecond());
        }
        ObjectNode cursors = body.putObject("paging").putObject("cursors");
        if (!page.isEmpty()) {
            cursors.put("before", page.getFirst().id);
            cursors.put("after", page.getLast().id);
        }
        return GraphResponse.ok(body);
    }

    GraphResponse get(GraphRequest req, GroupStore.Group group) {
        ObjectNode all = Json.object();
        synchronized (group) {
            all.put("id", group.id);
            all.put("messaging_product", "whatsapp");
            all.put("subject", group.subject);
            if (group.description != null) {
                all.put("description", group.description);
            }
            all.put("join_approval_mode", group.joinApprovalMode);
            all.put("suspended", false);
            all.put("creation_timestamp", group.createdAt.getEpochSecond());
            ArrayNode participants = all.putArray("participants");
            group.participants.forEach(w -> participants.addObject().put("wa_id", w));
            all.put("total_participant_count", group.participants.size());
        }
        List<String> fields = TemplateService.fields(req.query.get("fields"));
        if (fields.isEmpty()) {
            return GraphResponse.ok(all);
        }
        ObjectNode picked = Json.object();
        picked.put("id", group.id);
        picked.put("messaging_product", "whatsapp");
        fields.stream().filter(all::has).forEach(f -> picked.set(f, all.get(f)));
        return GraphResponse.ok(picked);
    }

    GraphResponse update(GraphRequest req, GroupStore.Group group) {
        ObjectNode p = req.params();
        requireProduct(p);
        FilePart picture = req.files().get("file");
        if (picture != null) {
            if (!"image/jpeg".equals(MediaKind.baseMime(picture.contentType())) || picture.bytes().length > (5 << 20)) {
                throw new GraphException(
                        MetaErrors.invalidParameter("The group picture must be a JPEG of at most 5 MB."));
            }
        }
        String subject = Json.text(p, "subject");
        String description = Json.text(p, "description");
        Checks.maxLength(subject == null ? null : subject.trim(), 128, "subject");
        Checks.maxLength(description, 2048, "description");
        synchronized (group) {
            if (subject != null) {
                group.subject = subject.trim();
            }
            if (description != null) {
                group.description = description;
            }
        }
        return GraphResponse.success();
    }

    GraphResponse delete(GroupStore.Group group) {
        group.delete();
        return GraphResponse.success();
    }

    GraphResponse inviteLink(GraphRequest req, GroupStore.Group group) {
        ObjectNode answer = Json.object();
        answer.put("messaging_product", "whatsapp");
        synchronized (group) {
            switch (req.method) {
                case "POST" -> group.inviteLink = newInviteLink();
                case "DELETE" -> {
                    group.inviteLink = null;
                    answer.put("success", "true"); // a string in OAS (spec 10.1, uncertain)
                    return GraphResponse.ok(answer);
                }
                default -> {}
            }
            if (group.inviteLink == null) {
                group.inviteLink = newInviteLink();
            }
            answer.put("invite_link", group.inviteLink);
        }
        return GraphResponse.ok(answer);
    }

    GraphResponse joinRequests(GraphRequest req, GroupStore.Group group) {
        if (req.method.equals("GET")) {
            ObjectNode body = Json.object();
            ArrayNode data = body.putArray("data");
            synchronized (group) {
                group.joinRequests.values().forEach(j -> {
                    ObjectNode item = data.addObject();
                    item.put("join_request_id", j.id());
                    item.put("wa_id", j.waId());
                    item.put("creation_timestamp", j.at().getEpochSecond());
                });
            }
            body.putObject("paging").putObject("cursors");
            return GraphResponse.ok(body);
        }
        ObjectNode p = req.params();
        requireProduct(p);
        JsonNode ids = Checks.requireArray(p, "join_requests", "join_requests");
        boolean approve = req.method.equals("POST");
        ObjectNode answer = Json.object();
        answer.put("messaging_product", "whatsapp");
        ArrayNode done = answer.putArray(approve ? "approved_join_requests" : "rejected_join_requests");
        ArrayNode failed = answer.putArray("failed_join_requests");
        synchronized (group) {
            for (JsonNode idNode : ids) {
                String id = idNode.asString();
                GroupStore.JoinRequest request = group.joinRequests.remove(id);
                if (request == null) {
                    ObjectNode failure = failed.addObject();
                    failure.put("join_request_id", id);
                    failure.putArray("errors")
                            .add(MetaErrors.notValid("Unknown join request " + id)
                                    .toWebhookError());
                    continue;
                }
                if (approve) {
                    group.participants.add(request.waId());
                }
                done.add(id);
            }
        }
        answer.putArray("errors");
        return GraphResponse.ok(answer);
    }

    GraphResponse participants(GraphRequest req, GroupStore.Group group) {
        if (!req.method.equals("DELETE")) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Businesses cannot add participants to a group; share the invite link instead."));
        }
        ObjectNode p = req.params();
        requireProduct(p);
        JsonNode list = Checks.requireArray(p, "participants", "participants");
        Checks.count(list, 1, 8, "participants");
        synchronized (group) {
            for (JsonNode item : list) {
                String user = Json.text(item, "user") != null ? Json.text(item, "user") : Json.text(item, "user_id");
                if (user != null) {
                    group.participants.remove(PhoneNumbers.digits(user));
                }
            }
        }
        return GraphResponse.success();
    }

    /** A simulated user opens the invite link: joins at once or files a join request (approval_required). */
    String join(String groupId, String waId) {
        GroupStore.Group group = sim.groups
                .find(groupId)
                .filter(g -> !g.deleted())
                .orElseThrow(() -> new IllegalArgumentException("unknown group " + groupId));
        String digits = PhoneNumbers.digits(waId);
        PhoneNumber number = sim.registry.requireNumber(group.phoneNumberId);
        synchronized (group) {
            if (group.joinApprovalMode.equals("approval_required")) {
                String id = sim.ids.opaque(30);
                group.joinRequests.put(id, new GroupStore.JoinRequest(id, digits, sim.now()));
                ObjectNode event = groupEvent(group, "group_join_request_created");
                event.put("join_request_id", id);
                event.put("wa_id", digits);
                publish(number, "group_participants_update", event);
                return id;
            }
            group.participants.add(digits);
        }
        ObjectNode event = groupEvent(group, "group_participants_add");
        event.putArray("added_participants").addObject().put("input", digits);
        publish(number, "group_participants_update", event);
        return null;
    }

    private ObjectNode groupEvent(GroupStore.Group group, String type) {
        ObjectNode event = Json.object();
        event.put("timestamp", WebhookPayloads.epoch(sim.now()));
        event.put("group_id", group.id);
        event.put("type", type);
        return event;
    }

    private void publish(PhoneNumber number, String field, ObjectNode event) {
        Business business = sim.registry.businessOf(number);
        ObjectNode value = WebhookPayloads.messagesValue(number);
        value.putArray("groups").add(event);
        sim.webhooks.publish(business, WebhookPayloads.entry(business.wabaId, field, value));
    }

    private String newInviteLink() {
        return "https://chat.whatsapp.com/" + sim.ids.opaque(16);
    }

    private static void requireProduct(ObjectNode p) {
        String product = Json.text(p, "messaging_product");
        if (product == null) {
            throw new GraphException(MetaErrors.requiredParameter("messaging_product"));
        }
        MediaService.checkProduct(product);
    }
}
