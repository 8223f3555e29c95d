package org.openchakra.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The item forms of platform.md §5 turned into the bodies the single endpoints take. A create item is a
 * create body, or carries attribute values flat at its top level next to {@code data}. An update item
 * names its process by {@code id} or by the primary-key attribute at its top level, and carries its
 * change nested under {@code update} or flat.
 */
final class BulkItems {

    private static final Set<String> CREATE_FIELDS =
            Set.of("data", "record", "status", "state", "nextActionAt", "assignedTo", "entity", "id");
    private static final Set<String> UPDATE_FIELDS = Set.of(
            "data", "record", "status", "state", "nextActionAt", "assignedTo", "entity", "id", "update", "isDeleted");

    /** An update item read: which process, the update body, and whether it deletes. */
    record UpdateItem(ProcessService.Locator locator, ObjectNode body, boolean delete) {}

    private BulkItems() {}

    /** The create body of an item: top-level attribute values moved into {@code data} (a key in data wins). */
    static ObjectNode createBody(Procedure procedure, JsonNode item) {
        ObjectNode body = object(item).deepCopy();
        ObjectNode data = flatData(procedure, body, CREATE_FIELDS, null);
        if (!data.isEmpty()) {
            body.set("data", data);
        }
        return body;
    }

    /**
     * Reads an update item; throws the 400-style problem when it names no process or its change is not an
     * object. The primary-key value is coerced as the attribute's values are, so that {@code 42} finds "42".
     */
    static UpdateItem updateItem(Procedure procedure, JsonNode item, ValueCoercion.Context ctx) {
        ObjectNode fields = object(item);
        JsonFields f = JsonFields.of(fields);
        Optional<UUID> id = f.uuid("id");
        String pkName = procedure.definition().primaryKey();
        boolean namesId = fields.has("id") && !fields.get("id").isNull();
        ProcessService.Locator locator = null;
        if (id.isPresent()) {
            locator = ProcessService.Locator.byId(id.get());
        } else if (!namesId
                && pkName != null
                && fields.has(pkName)
                && !fields.get(pkName).isNull()) {
            Procedure.Attribute pk = procedure.primaryKeyAttribute().orElseThrow();
            ValueCoercion.Result value = ValueCoercion.coerce(pk, fields.get(pkName), ctx);
            if (value.isOk()) {
                locator = ProcessService.Locator.byKey(pkName, value.value().asString());
            } else {
                f.problem(pkName, value.error());
            }
        } else if (!namesId) {
            f.problem("id", "The item names no process: give 'id'" + (pkName == null ? "" : " or '" + pkName + "'"));
        }
        boolean delete = f.bool("isDeleted").orElse(false);
        ObjectNode body;
        if (f.has("update")) {
            body = fields.get("update").isObject() ? (ObjectNode) fields.get("update") : null;
            if (body == null) {
                f.problem("update", "'update' must be a JSON object");
            } else {
                delete = delete || JsonFields.of(body).bool("isDeleted").orElse(false);
            }
        } else {
            body = fields.deepCopy();
            ObjectNode data = flatData(procedure, body, UPDATE_FIELDS, pkName);
            if (!data.isEmpty()) {
                body.set("data", data);
            }
        }
        f.check();
        return new UpdateItem(locator, body, delete);
    }

    private static ObjectNode object(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw ApiException.badRequest(null, "The item must be a JSON object");
        }
        return (ObjectNode) item;
    }

    /**
     * The data of {@code body} with the body's top-level attribute values added (root fields and
     * {@code locatorKey} are not attribute values); values already in {@code data} win.
     */
    private static ObjectNode flatData(
            Procedure procedure, ObjectNode body, Set<String> rootFields, String locatorKey) {
        JsonNode nested = body.get("data");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String key = e.getKey();
            if (!rootFields.contains(key)
                    && !key.equals(locatorKey)
                    && procedure.attribute(key).isPresent()) {
                data.set(key, e.getValue());
            }
        }
        if (data.isEmpty()) {
            return data;
        }
        if (nested != null && nested.isObject()) {
            data.setAll((ObjectNode) nested);
        } else if (nested != null && !nested.isNull()) {
            return JsonNodeFactory.instance.objectNode(); // a bad 'data' is reported as it is
        }
        List.copyOf(data.propertyNames()).forEach(body::remove);
        return data;
    }
}
