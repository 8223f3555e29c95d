package org.openchakra.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds every JSON answer the tests receive through {@link ApiClient} to the OpenAPI document the server
 * serves: the records of {@code @ApiOperation} are written by hand beside views that build maps, and this is
 * what keeps the two in step. Stricter than the document: an object may have no property the document does
 * not name (the document itself lets clients expect more), so a field added to a view without its record
 * fails the test that receives it.
 */
final class OpenApiConformance {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final OpenApiConformance NONE = new OpenApiConformance(null);

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private record Route(String method, Pattern path, int literals, JsonNode operation) {}

    private OpenApiConformance(JsonNode document) {
        this.document = document;
        if (document == null) {
            return;
        }
        closeObjects(document.path("components").path("schemas"));
        for (var path : document.path("paths").properties()) {
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            int literals = path.getKey().replaceAll("\\{[^}]+}", "").length();
            for (var operation : path.getValue().properties()) {
                routes.add(new Route(
                        operation.getKey().toUpperCase(), Pattern.compile(regex), literals, operation.getValue()));
            }
        }
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
    }

    /**
     * The document every test server of this build serves (they all run the same code), once {@link #load} has
     * fetched it; until then no answer is checked. Loaded before a test runs, never in the middle of one: the
     * first fetch takes a while, and timing tests (rate limits) must not wait for it.
     */
    static OpenApiConformance shared() {
        return shared;
    }

    private static volatile OpenApiConformance shared = NONE;

    static synchronized void load(String baseUrl) {
        if (shared == NONE) {
            shared = fetch(
                    baseUrl,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build());
        }
    }

    private static OpenApiConformance fetch(String baseUrl, HttpClient http) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode());
            }
            return new OpenApiConformance(JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Throws when a JSON answer breaks the document's schema for its operation and status. Answers of other
     * servers (Meta's simulator) match none of its paths and pass unchecked.
     */
    void check(String method, String pathAndQuery, int status, Optional<String> contentType, String body) {
        if (document == null || contentType.isEmpty() || !contentType.get().startsWith("application/json")) {
            return;
        }
        String path = pathAndQuery.split("\\?", 2)[0];
        Optional<Route> route = routes.stream()
                .filter(r -> r.method().equals(method) && r.path().matcher(path).matches())
                .findFirst();
        if (route.isEmpty()) {
            return;
        }
        JsonNode responses = route.get().operation().path("responses");
        String code = responses.has(String.valueOf(status)) ? String.valueOf(status) : "default";
        JsonNode response = resolve(responses.path(code));
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (RuntimeException notJson) {
            throw new AssertionError(method + " " + path + " answered " + status + " with a body that is not JSON");
        }
        String key = method + " " + route.get().path() + " " + code;
        List<Error> errors = compiled.computeIfAbsent(key, k -> compile(schema)).validate(answer);
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status
                    + " against the OpenAPI document (the records of its @ApiOperation):\n  "
                    + errors.stream().limit(8).map(Error::toString).collect(Collectors.joining("\n  "))
                    + "\nbody: " + (body.length() > 1500 ? body.substring(0, 1500) + "..." : body));
        }
    }

    private JsonNode resolve(JsonNode response) {
        String ref = response.path("$ref").asString("");
        return ref.isEmpty()
                ? response
                : document.path("components").path("responses").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    /** The operation's schema with the components beside it, so that its references resolve. */
    private Schema compile(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", JSON.createArrayNode().add(schema));
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(root);
    }

    /** Every object schema that names its properties and says nothing of others admits no others. */
    private static void closeObjects(JsonNode node) {
        if (node.isObject()) {
            if (node.has("properties") && !node.has("additionalProperties")) {
                ((ObjectNode) node).put("additionalProperties", false);
            }
            node.values().forEach(OpenApiConformance::closeObjects);
        } else if (node.isArray()) {
            node.values().forEach(OpenApiConformance::closeObjects);
        }
    }
}
