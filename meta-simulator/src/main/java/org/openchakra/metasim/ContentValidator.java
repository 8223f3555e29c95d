package org.openchakra.metasim;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Per-type content rules of spec 1.3 to 1.8 and the limits of 1.11 (templates: {@link TemplateSendValidator}). */
final class ContentValidator {

    static final Set<String> MEDIA_TYPES = Set.of("image", "audio", "video", "document", "sticker");
    private static final Set<String> CAPTIONED = Set.of("image", "video", "document");
    private static final Set<String> INTERACTIVE_TYPES = Set.of(
            "button",
            "list",
            "cta_url",
            "flow",
            "product",
            "product_list",
            "catalog_message",
            "call_permission_request",
            "location_request_message");
    private static final Set<String> HEADER_TYPES = Set.of("text", "image", "video", "document");

    private final Simulation sim;

    ContentValidator(Simulation sim) {
        this.sim = sim;
    }

    void text(JsonNode text) {
        String body = Checks.requireText(text, "body", "text['body']");
        if (body.length() > 4096) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param text['body'] must be at most 4096 characters" + " long."));
        }
        JsonNode preview = text.get("preview_url");
        if (preview != null && !preview.isBoolean() && !preview.isNull()) {
            throw new GraphException(MetaErrors.invalidParameter("Param text['preview_url'] must be a boolean."));
        }
    }

    /** Spec 1.4: exactly one of id/link; captions on image, video, document; filename on document only. */
    void media(String type, JsonNode media, PhoneNumber number) {
        boolean hasId = Json.has(media, "id");
        boolean hasLink = Json.has(media, "link");
        if (hasId && hasLink) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param " + type + " must contain either id or link, not both."));
        }
        if (!hasId && !hasLink) {
            throw new GraphException(
                    MetaErrors.missing("Parameter " + type + "['id'] or " + type + "['link'] is" + " required."));
        }
        if (Json.has(media, "caption")) {
            if (!CAPTIONED.contains(type)) {
                throw new GraphException(MetaErrors.invalidParameter("Param caption is not allowed for " + type + "."));
            }
            Checks.maxLength(Json.text(media, "caption"), 1024, type + "['caption']");
        }
        if (Json.has(media, "filename") && !type.equals("document")) {
            throw new GraphException(MetaErrors.invalidParameter("Param filename is only allowed for document."));
        }
        if (hasLink) {
            Checks.httpUrl(Json.text(media, "link"), type + "['link']");
        } else {
            mediaId(type, Json.text(media, "id"), number);
        }
    }

    /** An uploaded media id must exist, be unexpired, belong to the WABA and fit the message type: else 131053. */
    void mediaId(String type, String id, PhoneNumber number) {
        MediaObject media = sim.media
                .find(id)
                .filter(m -> m.wabaId().equals(number.wabaId))
                .orElseThrow(() -> new GraphException(MetaError.of(
                        131053, "Media id " + id + " is unknown, expired or belongs to another business account.")));
        if (!MediaKind.sendable(type, media.mimeType())) {
            throw new GraphException(MetaError.of(
                    131053,
                    "Media id " + id + " has type " + media.mimeType() + ", which cannot be sent as " + type + "."));
        }
    }

    void location(JsonNode location) {
        coordinate(location, "latitude", 90);
        coordinate(location, "longitude", 180);
    }

    private static void coordinate(JsonNode location, String field, double bound) {
        String raw = Checks.requireText(location, field, "location['" + field + "']");
        try {
            double value = Double.parseDouble(raw);
            if (Math.abs(value) > bound) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new GraphException(MetaErrors.notValid("Param location['" + field + "'] is not a valid coordinate."));
        }
    }

    /** Spec 1.5: 1 to 5 cards, each with a formatted name. */
    void contacts(JsonNode contacts) {
        if (!contacts.isArray()) {
            throw new GraphException(MetaErrors.invalidParameter("Param contacts must be an array."));
        }
        Checks.count(contacts, 1, 5, "contacts");
        for (int i = 0; i < contacts.size(); i++) {
            JsonNode name = Checks.requireObject(contacts.get(i), "name", "contacts[" + i + "]['name']");
            Checks.requireText(name, "formatted_name", "contacts[" + i + "]['name']['formatted_name']");
        }
    }

    /** Spec 1.8: a target message id; {@code ""} or no emoji removes the reaction (spec 9 #6). */
    String reaction(JsonNode reaction) {
        String target = Checks.requireText(reaction, "message_id", "reaction['message_id']");
        JsonNode emoji = reaction.get("emoji");
        if (emoji != null && !emoji.isNull() && !emoji.isString()) {
            throw new GraphException(MetaErrors.invalidParameter("Param reaction['emoji'] must be a string."));
        }
        return target;
    }

    /** Spec 1.6 with the per-type limits; {@code body.text} allows 4096 for lists, 1024 otherwise (spec 9 #3). */
    void interactive(JsonNode interactive, PhoneNumber number) {
        String type = Checks.requireText(interactive, "type", "interactive['type']");
        if (!INTERACTIVE_TYPES.contains(type)) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param interactive['type'] must be one of " + INTERACTIVE_TYPES + " - got \"" + type + "\"."));
        }
        boolean bodyRequired = !type.equals("product");
        if (bodyRequired || Json.has(interactive, "body")) {
            JsonNode body = Checks.requireObject(interactive, "body", "interactive['body']");
            String text = Checks.requireText(body, "text", "interactive['body']['text']");
            Checks.maxLength(text, type.equals("list") ? 4096 : 1024, "interactive['body']['text']");
        }
        if (Json.has(interactive, "footer")) {
            Checks.maxLength(Json.text(interactive.get("footer"), "text"), 60, "interactive['footer']['text']");
        }
        if (Json.has(interactive, "header")) {
            header(interactive.get("header"), type, number);
        } else if (type.equals("product_list")) {
            throw new GraphException(MetaErrors.missing("Parameter interactive['header'] is required."));
        }
        JsonNode action = Checks.requireObject(interactive, "action", "interactive['action']");
        switch (type) {
            case "button" -> buttons(action);
            case "list" -> list(action);
            case "cta_url" -> ctaUrl(action);
            case "flow" -> flow(action);
            case "product" -> {
                Checks.requireText(action, "catalog_id", "interactive['action']['catalog_id']");
                Checks.requireText(action, "product_retailer_id", "interactive['action']['product_retailer_id']");
            }
            case "product_list" -> productList(action);
            case "catalog_message" ->
                Checks.literal(action, "name", "catalog_message", "interactive['action']['name']");
            case "call_permission_request" ->
                Checks.literal(action, "name", "call_permission_request", "interactive['action']['name']");
            case "location_request_message" ->
                Checks.literal(action, "name", "send_location", "interactive['action']['name']");
            default -> throw new IllegalStateException(type);
        }
    }

    private void header(JsonNode header, String interactiveType, PhoneNumber number) {
        String headerType = Checks.requireText(header, "type", "interactive['header']['type']");
        if (!HEADER_TYPES.contains(headerType)) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param interactive['header']['type'] must be one of {text, image, video, document}."));
        }
        if ((interactiveType.equals("list") || interactiveType.equals("product_list")) && !headerType.equals("text")) {
            throw new GraphException(MetaErrors.notValid("A " + interactiveType + " message header must be text."));
        }
        if (headerType.equals("text")) {
            String text = Checks.requireText(header, "text", "interactive['header']['text']");
            Checks.maxLength(text, 60, "interactive['header']['text']");
        } else {
            media(
                    headerType,
                    Checks.requireObject(header, headerType, "interactive['header']['" + headerType + "']"),
                    number);
        }
    }

    private static void buttons(JsonNode action) {
        JsonNode buttons = Checks.requireArray(action, "buttons", "interactive['action']['buttons']");
        Checks.count(buttons, 1, 3, "interactive['action']['buttons']");
        Set<String> titles = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < buttons.size(); i++) {
            JsonNode button = buttons.get(i);
            String path = "interactive['action']['buttons'][" + i + "]";
            Checks.literal(button, "type", "reply", path + "['type']");
            JsonNode reply = Checks.requireObject(button, "reply", path + "['reply']");
            String id = Checks.requireText(reply, "id", path + "['reply']['id']");
            String title = Checks.requireText(reply, "title", path + "['reply']['title']");
            Checks.maxLength(id, 256, path + "['reply']['id']");
            Checks.maxLength(title, 20, path + "['reply']['title']");
            if (!titles.add(title) || !ids.add(id)) {
                throw new GraphException(
                        MetaErrors.notValid("Buttons must have unique ids and titles; duplicate at " + path + "."));
            }
        }
    }

    private static void list(JsonNode action) {
        String button = Checks.requireText(action, "button", "interactive['action']['button']");
        Checks.maxLength(button, 20, "interactive['action']['button']");
        JsonNode sections = Checks.requireArray(action, "sections", "interactive['action']['sections']");
        Checks.count(sections, 1, 10, "interactive['action']['sections']");
        int rows = 0;
        Set<String> rowIds = new HashSet<>();
        for (int s = 0; s < sections.size(); s++) {
            JsonNode section = sections.get(s);
            String path = "interactive['action']['sections'][" + s + "]";
            if (sections.size() > 1) {
                Checks.requireText(section, "title", path + "['title']");
            }
            Checks.maxLength(Json.text(section, "title"), 24, path + "['title']");
            JsonNode sectionRows = Checks.requireArray(section, "rows", path + "['rows']");
            Checks.count(sectionRows, 1, 10, path + "['rows']");
            for (int r = 0; r < sectionRows.size(); r++) {
                JsonNode row = sectionRows.get(r);
                String rowPath = path + "['rows'][" + r + "]";
                String id = Checks.requireText(row, "id", rowPath + "['id']");
                Checks.maxLength(id, 200, rowPath + "['id']");
                Checks.maxLength(Checks.requireText(row, "title", rowPath + "['title']"), 24, rowPath + "['title']");
                Checks.maxLength(Json.text(row, "description"), 72, rowPath + "['description']");
                if (!rowIds.add(id)) {
                    throw new GraphException(MetaErrors.notValid("Row ids must be unique; duplicate \"" + id + "\"."));
                }
                rows++;
            }
        }
        if (rows > 10) {
            throw new GraphException(
                    MetaErrors.notValid("A list message has at most 10 rows across all sections; got " + rows + "."));
        }
    }

    private static void ctaUrl(JsonNode action) {
        Checks.literal(action, "name", "cta_url", "interactive['action']['name']");
        JsonNode parameters = Checks.requireObject(action, "parameters", "interactive['action']['parameters']");
        String label =
                Checks.requireText(parameters, "display_text", "interactive['action']['parameters']['display_text']");
        Checks.maxLength(label, 20, "interactive['action']['parameters']['display_text']");
        String url = Checks.requireText(parameters, "url", "interactive['action']['parameters']['url']");
        Checks.httpUrl(url, "interactive['action']['parameters']['url']");
    }

    private static void flow(JsonNode action) {
        Checks.literal(action, "name", "flow", "interactive['action']['name']");
        JsonNode p = Checks.requireObject(action, "parameters", "interactive['action']['parameters']");
        String base = "interactive['action']['parameters']";
        Checks.literal(p, "flow_message_version", "3", base + "['flow_message_version']");
        if (Json.has(p, "flow_id") == Json.has(p, "flow_name")) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Exactly one of " + base + "['flow_id'] and " + base + "['flow_name'] is required."));
        }
        Checks.maxLength(Checks.requireText(p, "flow_cta", base + "['flow_cta']"), 30, base + "['flow_cta']");
        String flowAction = Json.text(p, "flow_action");
        if (flowAction != null && !flowAction.equals("navigate") && !flowAction.equals("data_exchange")) {
            throw new GraphException(MetaErrors.invalidParameter(
                    "Param " + base + "['flow_action'] must be navigate or data_exchange."));
        }
        String mode = Json.text(p, "mode");
        if (mode != null && !mode.equals("draft") && !mode.equals("published")) {
            throw new GraphException(
                    MetaErrors.invalidParameter("Param " + base + "['mode'] must be draft or published."));
        }
    }

    private static void productList(JsonNode action) {
        Checks.requireText(action, "catalog_id", "interactive['action']['catalog_id']");
        JsonNode sections = Checks.requireArray(action, "sections", "interactive['action']['sections']");
        Checks.count(sections, 1, 10, "interactive['action']['sections']");
        for (int s = 0; s < sections.size(); s++) {
            String path = "interactive['action']['sections'][" + s + "]";
            Checks.requireText(sections.get(s), "title", path + "['title']");
            JsonNode items = Checks.requireArray(sections.get(s), "product_items", path + "['product_items']");
            Checks.count(items, 1, 30, path + "['product_items']");
            for (int i = 0; i < items.size(); i++) {
                Checks.requireText(
                        items.get(i),
                        "product_retailer_id",
                        path + "['product_items'][" + i + "]['product_retailer_id']");
            }
        }
    }
}
