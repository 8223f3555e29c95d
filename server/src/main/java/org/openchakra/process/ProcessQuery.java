package org.openchakra.process;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchakra.procedure.AttributeType;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.TimeValues;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Translates the list query language of platform.md §4 into a SQL condition with bound parameters.
 * Nothing from the request reaches the SQL text except attribute shortIds, and only after they are
 * found in the procedure's schema (whose shortIds are {@code [A-Za-z][A-Za-z0-9_]*}). Comparisons use
 * the same expressions as the attribute indexes ({@code oc_text}/{@code oc_number} behind
 * {@code jsonb_exists}), so PostgreSQL can use them.
 */
final class ProcessQuery {

    /** The condition, the order and the parameters of one list call. */
    public record Sql(String where, String orderBy, Map<String, Object> params) {}

    static final Set<String> OPERATORS = Set.of("=", "!=", ">", ">=", "<", "<=");
    private static final Set<String> STATUSES = Set.of("OPEN", "COMPLETED", "CANCELLED");
    private static final int MAX_DEPTH = 16;
    private static final int MAX_CONDITIONS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Procedure procedure;
    private final ValueCoercion.Context context;
    private final Map<String, Object> params = new HashMap<>();
    private final List<ErrorDetail> problems = new ArrayList<>();
    private int conditions;

    private ProcessQuery(Procedure procedure, ValueCoercion.Context context) {
        this.procedure = procedure;
        this.context = context;
    }

    public static Sql build(Procedure procedure, JsonNode where, JsonNode sort, ValueCoercion.Context context) {
        ProcessQuery query = new ProcessQuery(procedure, context);
        query.params.put("team", procedure.teamId());
        query.params.put("procedure", procedure.id());
        String condition = where == null || where.isNull() ? "TRUE" : query.object(where, "where", 0);
        String order = query.order(sort);
        if (!query.problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, query.problems);
        }
        return new Sql(
                "team_id = :team AND procedure_id = :procedure AND NOT is_deleted AND (" + condition + ")",
                order,
                query.params);
    }

    private String object(JsonNode query, String path, int depth) {
        if (!query.isObject()) {
            return problem(path, "'" + path + "' must be a query object");
        }
        if (depth > MAX_DEPTH) {
            return problem(path, "The query nests deeper than " + MAX_DEPTH + " levels");
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : query.properties()) {
            String key = field.getKey();
            String fieldPath = path + "." + key;
            if (key.equals("or") || key.equals("and")) {
                parts.add(group(field.getValue(), fieldPath, key.toUpperCase(), depth));
            } else {
                parts.add(key(key, field.getValue(), fieldPath));
            }
        }
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    private String group(JsonNode queries, String path, String joiner, int depth) {
        if (!queries.isArray()) {
            return problem(path, "'" + path + "' must be an array of query objects");
        }
        if (queries.isEmpty()) {
            return joiner.equals("OR") ? "FALSE" : "TRUE";
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode q : queries.values()) {
            parts.add("(" + object(q, path + "." + i++, depth + 1) + ")");
        }
        return "(" + String.join(" " + joiner + " ", parts) + ")";
    }

    /** {@code key: scalar} is =, {@code key: [..]} is any-of, {@code key: {op: value, ..}} ANDs the operators. */
    private String key(String key, JsonNode rhs, String path) {
        Target target = target(key, path);
        if (target == null) {
            return "FALSE";
        }
        if (rhs.isArray()) {
            return anyOf(target, rhs, path, false);
        }
        if (rhs.isObject() && !(target.kind == AttributeType.Kind.OBJECT && !isOperatorObject(rhs))) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> op : rhs.properties()) {
                if (!OPERATORS.contains(op.getKey())) {
                    parts.add(problem(
                            path, "Unknown operator '" + op.getKey() + "' on '" + key + "'; use one of " + OPERATORS));
                } else if (op.getValue().isArray()
                        && (op.getKey().equals("=") || op.getKey().equals("!="))) {
                    parts.add(anyOf(
                            target,
                            op.getValue(),
                            path + "." + op.getKey(),
                            op.getKey().equals("!=")));
                } else {
                    parts.add(compare(target, op.getKey(), op.getValue(), path + "." + op.getKey()));
                }
            }
            return parts.isEmpty() ? "TRUE" : "(" + String.join(" AND ", parts) + ")";
        }
        return compare(target, "=", rhs, path);
    }

    private static boolean isOperatorObject(JsonNode rhs) {
        return rhs.propertyNames().stream().allMatch(OPERATORS::contains) && !rhs.isEmpty();
    }

    private String anyOf(Target target, JsonNode values, String path, boolean negate) {
        if (values.isEmpty()) {
            return negate ? "TRUE" : "FALSE";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode value : values.values()) {
            parts.add(compare(target, "=", value, path));
        }
        String any = "(" + String.join(" OR ", parts) + ")";
        return negate ? "NOT " + any : any;
    }

    private String compare(Target target, String op, JsonNode value, String path) {
        if (++conditions > MAX_CONDITIONS) {
            return problem(path, "The query has more than " + MAX_CONDITIONS + " conditions");
        }
        if (value.isNull()) {
            return switch (op) {
                case "=" -> target.absent();
                case "!=" -> "NOT " + target.absent();
                default -> problem(path, "Only = and != compare with null");
            };
        }
        Object bound = target.bind(value, path);
        if (bound == null) {
            return "FALSE";
        }
        String p = param(bound);
        return switch (target.kind) {
            case BOOLEAN, ARRAY, OBJECT -> {
                if (!op.equals("=") && !op.equals("!=")) {
                    yield problem(path, "'" + target.name + "' can only be compared with = or !=");
                }
                String contains = "data @> CAST(" + p + " AS jsonb)";
                yield op.equals("=") ? contains : "NOT " + contains;
            }
            default ->
                op.equals("!=")
                        ? "(" + target.absent() + " OR " + target.expression + " <> " + p + ")"
                        : "(" + target.present() + " AND " + target.expression + " " + op + " " + p + ")";
        };
    }

    private String order(JsonNode sort) {
        if (sort == null || sort.isNull() || sort.isEmpty()) {
            return "created_at DESC, id DESC";
        }
        if (!sort.isObject()) {
            problem("sort", "'sort' must be an object such as {\"createdAt\": \"desc\"}");
            return "created_at DESC, id DESC";
        }
        List<String> parts = new ArrayList<>();
        String last = "DESC";
        for (Map.Entry<String, JsonNode> field : sort.properties()) {
            String direction = field.getValue().asString("").toUpperCase();
            if (!direction.equals("ASC") && !direction.equals("DESC")) {
                problem("sort." + field.getKey(), "Sort direction must be \"asc\" or \"desc\"");
                continue;
            }
            Target target = target(field.getKey(), "sort." + field.getKey());
            if (target == null) {
                continue;
            }
            if (target.kind == AttributeType.Kind.ARRAY || target.kind == AttributeType.Kind.OBJECT) {
                problem("sort." + field.getKey(), "'" + field.getKey() + "' cannot be sorted on");
                continue;
            }
            parts.add(target.expression + " " + direction + " NULLS LAST");
            last = direction;
        }
        // id last keeps the order total, so skip/limit paging never repeats or misses a row.
        parts.add("id " + last);
        return String.join(", ", parts);
    }

    private String param(Object value) {
        String name = "p" + (params.size() + 1);
        params.put(name, value);
        return ":" + name;
    }

    private String problem(String path, String message) {
        problems.add(ErrorDetail.invalid(path, message));
        return "FALSE";
    }

    private Target target(String key, String path) {
        switch (key) {
            case "id":
                return new Target(key, "id", AttributeType.Kind.TEXT, null, this::uuid, "id IS NULL");
            case "status":
                return new Target(key, "status", AttributeType.Kind.TEXT, null, this::status, "status IS NULL");
            case "state":
                return new Target(key, "state", AttributeType.Kind.TEXT, null, this::state, "state IS NULL");
            case "createdAt", "updatedAt", "nextActionAt":
                String column = switch (key) {
                    case "createdAt" -> "created_at";
                    case "updatedAt" -> "updated_at";
                    default -> "next_action_at";
                };
                return new Target(key, column, AttributeType.Kind.NUMBER, null, this::time, column + " IS NULL");
            case "assignedTo":
                return new Target(key, "assigned_to", AttributeType.Kind.TEXT, null, this::user, "assigned_to IS NULL");
            default:
                Procedure.Attribute attribute = procedure.attribute(key).orElse(null);
                if (attribute == null) {
                    problem(
                            path,
                            "Unknown key '" + key + "': not a process field nor an attribute of '" + procedure.shortId()
                                    + "'");
                    return null;
                }
                AttributeType type = AttributeType.of(attribute.type()).orElseThrow();
                String quoted = "'" + attribute.shortId() + "'";
                String expression = switch (type.kind()) {
                    case NUMBER -> "oc_number(data, " + quoted + ")";
                    case TEXT -> "oc_text(data, " + quoted + ")";
                    default -> "data -> " + quoted;
                };
                return new Target(
                        key, expression, type.kind(), attribute, null, "NOT jsonb_exists(data, " + quoted + ")");
        }
    }

    /** What a key compares: its SQL expression, how values bind to it, and what "absent" means for it. */
    private final class Target {
        final String name;
        final String expression;
        final AttributeType.Kind kind;
        final Procedure.Attribute attribute;
        final java.util.function.BiFunction<JsonNode, String, Object> binder;
        final String absentSql;

        Target(
                String name,
                String expression,
                AttributeType.Kind kind,
                Procedure.Attribute attribute,
                java.util.function.BiFunction<JsonNode, String, Object> binder,
                String absentSql) {
            this.name = name;
            this.expression = expression;
            this.kind = kind;
            this.attribute = attribute;
            this.binder = binder;
            this.absentSql = absentSql;
        }

        String absent() {
            return absentSql;
        }

        String present() {
            return attribute == null ? "TRUE" : "jsonb_exists(data, '" + attribute.shortId() + "')";
        }

        /** The bound parameter for {@code value}, coerced to the key's type; null (with a problem) if refused. */
        Object bind(JsonNode value, String path) {
            if (binder != null) {
                return binder.apply(value, path);
            }
            JsonNode single = value;
            if (kind == AttributeType.Kind.ARRAY && !value.isArray()) {
                single = JsonNodeFactory.instance.arrayNode().add(value);
            }
            ValueCoercion.Result result = ValueCoercion.coerce(attribute, single, context);
            if (!result.isOk()) {
                problem(path, result.error());
                return null;
            }
            JsonNode stored = result.value();
            return switch (kind) {
                case NUMBER -> stored.decimalValue();
                case TEXT -> stored.stringValue();
                default -> {
                    ObjectNode containment = JsonNodeFactory.instance.objectNode();
                    containment.set(attribute.shortId(), stored);
                    yield JSON.writeValueAsString(containment);
                }
            };
        }
    }

    private Object uuid(JsonNode value, String path) {
        try {
            return UUID.fromString(value.asString(""));
        } catch (IllegalArgumentException e) {
            problem(path, "'" + path + "' must be a UUID");
            return null;
        }
    }

    private Object status(JsonNode value, String path) {
        String s = value.isString() ? value.stringValue().toUpperCase() : "";
        if (!STATUSES.contains(s)) {
            problem(path, "'status' must be one of " + STATUSES);
            return null;
        }
        return s;
    }

    private Object state(JsonNode value, String path) {
        String s = value.isString() ? value.stringValue() : "";
        if (procedure.state(s).isEmpty()) {
            problem(path, "Unknown state '" + s + "' of '" + procedure.shortId() + "'");
            return null;
        }
        return s;
    }

    private Object time(JsonNode value, String path) {
        return TimeValues.parse(value)
                .map(ms -> (Object) Timestamp.from(Instant.ofEpochMilli(ms)))
                .orElseGet(() -> {
                    problem(path, "'" + path + "' must be epoch milliseconds or an ISO-8601 time");
                    return null;
                });
    }

    private Object user(JsonNode value, String path) {
        String ref = value.isString() ? value.stringValue() : "";
        return context.userId(ref).map(id -> (Object) id).orElseGet(() -> {
            problem(path, "Unknown user '" + ref + "'");
            return null;
        });
    }
}
