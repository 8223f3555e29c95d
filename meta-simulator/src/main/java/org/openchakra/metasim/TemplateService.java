package org.openchakra.metasim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Template management routes (spec 3) and the review lifecycle with its status webhooks (spec 6.7, 8.7). */
final class TemplateService {

    private static final Set<String> EDITABLE = Set.of("APPROVED", "REJECTED", "PAUSED");
    private static final int MAX_TEMPLATES = 250;
    private static final int MAX_CREATIONS_PER_HOUR = 100;
    private static final int DEFAULT_PAGE = 25;

    private final Simulation sim;

    TemplateService(Simulation sim) {
        this.sim = sim;
    }

    /** {@code GET /{waba}/message_templates}: filters, field selection and Graph cursor paging (spec 3.1). */
    GraphResponse list(GraphRequest req, Business business, String version) {
        List<Template> all = sim.templates.list(business.wabaId).stream()
                .filter(t -> matches(req.query.get("status"), t.status()))
                .filter(t -> matches(req.query.get("category"), t.category()))
                .filter(t -> req.query.get("language") == null
                        || TemplateStore.sameLanguage(req.query.get("language"), t.language))
                .filter(t -> req.query.get("name") == null
                        || t.name.toLowerCase(Locale.ROOT)
                                .contains(req.query.get("name").toLowerCase(Locale.ROOT)))
                .toList();
        int limit = parseLimit(req.query.get("limit"));
        int start = 0;
        int end;
        if (req.query.containsKey("after")) {
            start = cursorIndex(all, req.query.get("after")) + 1;
            end = Math.min(all.size(), start + limit);
        } else if (req.query.containsKey("before")) {
            end = Math.max(0, cursorIndex(all, req.query.get("before")));
            start = Math.max(0, end - limit);
        } else {
            end = Math.min(all.size(), limit);
        }
        List<String> fields = fields(req.query.get("fields"));
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        List<Template> page = all.subList(Math.min(start, all.size()), Math.max(Math.min(start, all.size()), end));
        page.forEach(t -> data.add(t.toJson(fields)));
        if (!page.isEmpty()) {
            ObjectNode paging = body.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", cursor(page.getFirst()));
            cursors.put("after", cursor(page.getLast()));
            String base = sim.baseUrl() + "/" + version + "/" + business.wabaId + "/message_templates?limit=" + limit
                    + (req.query.get("fields") != null ? "&fields=" + req.query.get("fields") : "");
            if (end < all.size()) {
                paging.put("next", base + "&after=" + cursor(page.getLast()));
            }
            if (start > 0) {
                paging.put("previous", base + "&before=" + cursor(page.getFirst()));
            }
        }
        return GraphResponse.ok(body);
    }

    /** {@code POST /{waba}/message_templates}: PENDING, then the async review (spec 3.3). */
    GraphResponse create(GraphRequest req, Business business) {
        ObjectNode p = req.params();
        String name = p.has("name") ? Json.text(p, "name") : null;
        TemplateRules.checkName(name);
        String category = TemplateRules.checkCategory(Json.text(p, "category"));
        String language = Json.text(p, "language");
        if (language == null) {
            throw new GraphException(MetaErrors.requiredParameter("language"));
        }
        String format = Json.text(p, "parameter_format");
        boolean named = format != null && format.equalsIgnoreCase("named");
        ArrayNode components = TemplateRules.checkComponents(p.get("components"), category, named);
        Instant now = sim.now();
        if (sim.templates.find(business.wabaId, name, language).isPresent()) {
            throw new GraphException(TemplateRules.creationError(
                    2388024,
                    "Message template already exists",
                    "Content in this language already exists for template " + name + "."));
        }
        sim.templates
                .deletedApprovedAt(business.wabaId, name)
                .filter(at -> now.isBefore(at.plus(Duration.ofDays(30))))
                .ifPresent(at -> {
                    throw new GraphException(TemplateRules.creationError(
                            2388023,
                            "Template name is being deleted",
                            "An approved template named " + name
                                    + " was deleted; the name can be reused after 30 days."));
                });
        if (sim.templates.count(business.wabaId) >= MAX_TEMPLATES) {
            throw new GraphException(TemplateRules.creationError(
                    2388025,
                    "Template limit reached",
                    "This WhatsApp Business Account has reached its limit of " + MAX_TEMPLATES
                            + " message templates."));
        }
        if (sim.templates.createdSince(business.wabaId, now.minus(Duration.ofHours(1))) >= MAX_CREATIONS_PER_HOUR) {
            throw new GraphException(TemplateRules.creationError(
                    2388042,
                    "Template creation rate limit",
                    "At most " + MAX_CREATIONS_PER_HOUR + " templates can be created per WABA per hour."));
        }
        boolean approveNow = sim.switches.approveTemplatesOnCreate();
        Template template = new Template(
                sim.ids.numeric(),
                business.wabaId,
                name,
                language,
                category,
                approveNow ? "APPROVED" : "PENDING",
                named ? "NAMED" : "POSITIONAL",
                components,
                false,
                now);
        sim.templates.add(template, true);
        if (approveNow) {
            publishStatus(template, "APPROVED", "NONE");
        } else {
            publishStatus(template, "PENDING", "NONE");
            scheduleReview(template);
        }
        ObjectNode answer = Json.object();
        answer.put("id", template.id);
        answer.put("status", template.status());
        answer.put("category", template.category());
        return GraphResponse.ok(answer);
    }

    /** {@code GET /{template_id}[?fields=...]} (spec 3.2). */
    GraphResponse get(GraphRequest req, Template template) {
        return GraphResponse.ok(template.toJson(fields(req.query.get("fields"))));
    }

    /** {@code POST /{template_id}}: replace components and/or category, then review again (spec 3.4). */
    GraphResponse edit(GraphRequest req, Template template) {
        ObjectNode p = req.params();
        String status = template.status();
        if (!EDITABLE.contains(status)) {
            throw new GraphException(TemplateRules.creationError(
                    2388068,
                    "Template can't be edited",
                    "Only APPROVED, REJECTED or PAUSED templates can be edited; this one is " + status + "."));
        }
        String category = p.has("category") ? TemplateRules.checkCategory(Json.text(p, "category")) : null;
        if (status.equals("APPROVED") && category != null && !category.equals(template.category())) {
            throw new GraphException(TemplateRules.creationError(
                    2388069, "Category can't be changed", "The category of an approved template can't be edited."));
        }
        ArrayNode components = null;
        if (p.has("components")) {
            String effectiveCategory = category != null ? category : template.category();
            components = TemplateRules.checkComponents(
                    p.get("components"),
                    effectiveCategory,
                    template.parameterFormat().equals("NAMED"));
        }
        Instant now = sim.now();
        if (status.equals("APPROVED")) {
            synchronized (template.approvedEdits) {
                long lastDay = template.approvedEdits.stream()
                        .filter(t -> t.isAfter(now.minus(Duration.ofDays(1))))
                        .count();
                long lastMonth = template.approvedEdits.stream()
                        .filter(t -> t.isAfter(now.minus(Duration.ofDays(30))))
                        .count();
                if (lastDay >= 1 || lastMonth >= 10) {
                    throw new GraphException(TemplateRules.creationError(
                            2388070,
                            "Edit limit reached",
                            "Approved templates can be edited once per 24 hours and 10 times per 30 days."));
                }
                template.approvedEdits.add(now);
            }
        }
        template.edit(category, components);
        template.status("PENDING");
        publishStatus(template, "PENDING", "NONE");
        scheduleReview(template);
        return GraphResponse.success();
    }

    /** {@code DELETE /{waba}/message_templates?name=[&hsm_id=]}: name alone deletes every language. */
    GraphResponse delete(GraphRequest req, Business business) {
        String name = req.param("name");
        if (name == null) {
            throw new GraphException(MetaErrors.requiredParameter("name"));
        }
        String hsmId = req.param("hsm_id");
        List<Template> targets = sim.templates.named(business.wabaId, name).stream()
                .filter(t -> hsmId == null || t.id.equals(hsmId))
                .toList();
        if (targets.isEmpty()) {
            throw new GraphException(TemplateRules.creationError(
                    2593002, "Message template not found", "Message template \"" + name + "\" could not be found."));
        }
        if (targets.stream().anyMatch(t -> t.status().equals("DISABLED"))) {
            throw new GraphException(TemplateRules.creationError(
                    2388072, "Template can't be deleted", "DISABLED templates can't be deleted."));
        }
        for (Template t : targets) {
            if (t.status().equals("APPROVED")) {
                sim.templates.markDeletedApproved(business.wabaId, name, sim.now());
            }
            sim.templates.remove(t);
            t.status("DELETED");
            publishStatus(t, "DELETED", null);
        }
        return GraphResponse.success();
    }

    /** Seeds a template without review; PENDING seeds go through the async review like API creations. */
    String seed(String wabaId, TemplateSpec spec) {
        JsonNode components = Json.parse(spec.componentsJson());
        String category = TemplateRules.checkCategory(spec.category());
        ArrayNode normalised = TemplateRules.checkComponents(
                components, category, spec.parameterFormat().equalsIgnoreCase("NAMED"));
        sim.templates.find(wabaId, spec.name(), spec.language()).ifPresent(sim.templates::remove);
        Template template = new Template(
                sim.ids.numeric(),
                wabaId,
                spec.name(),
                spec.language(),
                category,
                spec.status(),
                spec.parameterFormat(),
                normalised,
                spec.paced(),
                sim.now());
        sim.templates.add(template, false);
        if (template.status().equals("PENDING")) {
            scheduleReview(template);
        }
        return template.id;
    }

    /** Moves a template to any status (PAUSED, DISABLED, APPROVED, ...) and emits the status webhook. */
    void setStatus(Template template, String status, String reason) {
        template.status(status.toUpperCase(Locale.ROOT));
        publishStatus(template, template.status(), reason);
    }

    private void scheduleReview(Template template) {
        TemplateReviewOutcome outcome = sim.switches.templateReviewOutcome();
        if (outcome == TemplateReviewOutcome.STAY_PENDING) {
            return;
        }
        sim.later(sim.config.templateReviewDelay(), () -> {
            if (!template.status().equals("PENDING")) {
                return;
            }
            if (outcome == TemplateReviewOutcome.APPROVE) {
                setStatus(template, "APPROVED", "NONE");
            } else {
                setStatus(template, "REJECTED", "INVALID_FORMAT");
            }
        });
    }

    private void publishStatus(Template template, String event, String reason) {
        sim.registry
                .business(template.wabaId)
                .ifPresent(business -> sim.webhooks.publish(
                        business, WebhookPayloads.templateStatus(template, event, reason, sim.now())));
    }

    private static boolean matches(String filter, String value) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        return Arrays.stream(filter.split(",")).map(String::trim).anyMatch(f -> f.equalsIgnoreCase(value));
    }

    static List<String> fields(String fields) {
        if (fields == null || fields.isBlank()) {
            return List.of();
        }
        return Arrays.stream(fields.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return Math.min(value, 1000);
        } catch (NumberFormatException e) {
            throw new GraphException(MetaErrors.invalidParameter("Param limit must be a positive integer."));
        }
    }

    /** Opaque Graph-style cursors ("QVFIU..." once base64-encoded), here wrapping the template id. */
    private static String cursor(Template t) {
        return Base64.getEncoder().encodeToString(("AQH" + t.id).getBytes(StandardCharsets.US_ASCII));
    }

    private static int cursorIndex(List<Template> all, String cursor) {
        String id;
        try {
            id = new String(Base64.getDecoder().decode(cursor), StandardCharsets.US_ASCII).substring(3);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new GraphException(MetaErrors.invalidParameter("Invalid paging cursor."));
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id.equals(id)) {
                return i;
            }
        }
        throw new GraphException(MetaErrors.invalidParameter("Invalid paging cursor."));
    }
}
