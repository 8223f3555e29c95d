package org.openchakra.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.web.ApiOperation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document describes every operation (each handler says how with {@code @ApiOperation}), and
 * docs/openapi.json, from which api-client/ generates the client that GeneratedClientTest calls, is the
 * document the server serves.
 */
class OpenApiDocumentTest extends IntegrationTest {

    /** The tests run in server/, so the project's root is one up. */
    private static final Path COPY = Path.of("").toAbsolutePath().getParent().resolve("docs/openapi.json");

    private static final Path FRESH = Path.of("target", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void docsOpenApiJsonIsTheDocumentTheServerServes() throws IOException {
        String served = canonical(document());
        Files.writeString(FRESH, served);

        // A boolean, not a diff of two 300 kB strings: the copy command says all there is to do.
        assertThat(Files.exists(COPY) && Files.readString(COPY).equals(served))
                .as("docs/openapi.json differs from /v3/api-docs; refresh it: cp server/" + FRESH
                        + " docs/openapi.json")
                .isTrue();
    }

    @Test
    void everyOperationIsDescribedByItsHandlersApiOperation() {
        Set<String> declared = new HashSet<>();
        for (var handler : mappings.getHandlerMethods().values()) {
            Method method = handler.getMethod();
            AnnotatedElementUtils.findMergedRepeatableAnnotations(method, ApiOperation.class)
                    .forEach(doc -> declared.add(doc.id()));
        }
        List<String> undescribed = new ArrayList<>();
        List<String> withoutAnswer = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document().path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                operations++;
                String operation = entry.getKey().toUpperCase() + " " + path.getKey();
                JsonNode described = entry.getValue();
                String id = described.path("operationId").asString("");
                if (!declared.contains(id)) {
                    undescribed.add(
                            operation + " (give its handler an @ApiOperation, or @Hidden if it is a browser page)");
                }
                if (!ids.add(id)) {
                    duplicates.add(id);
                }
                if (described.path("responses").path("200").path("content").isEmpty()) {
                    withoutAnswer.add(operation);
                }
            }
        }
        assertThat(operations).isGreaterThan(100);
        assertThat(undescribed).isEmpty();
        assertThat(duplicates).as("operation ids are unique").isEmpty();
        assertThat(withoutAnswer).as("every operation says what it answers").isEmpty();
    }

    @Test
    void answersAreTheEnvelopeAndRefusalsTheErrorEnvelope() {
        JsonNode document = document();
        JsonNode createTeam = document.path("paths").path("/v1/admin/teams").path("post");
        assertThat(createTeam
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/NewTeam");
        JsonNode answer = schema(
                document,
                createTeam
                        .path("responses")
                        .path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema"));
        assertThat(answer.path("properties").path("_data").path("$ref").asString())
                .isEqualTo("#/components/schemas/CreatedTeam");
        assertThat(answer.path("required").values())
                .extracting(JsonNode::asString)
                .contains("_data", "_meta", "_errors");

        assertThat(createTeam.path("responses").path("400").path("$ref").asString())
                .isEqualTo("#/components/responses/BadRequest");
        JsonNode error = schema(
                document,
                document.path("components")
                        .path("responses")
                        .path("BadRequest")
                        .path("content")
                        .path("application/json")
                        .path("schema"));
        assertThat(error.path("properties").propertyNames())
                .contains("_data", "_meta", "_errors", "_errorDetails", "message");
        JsonNode detail =
                schema(document, error.path("properties").path("_errorDetails").path("items"));
        assertThat(detail.path("properties").propertyNames()).contains("code", "message", "field");

        assertThat(document.path("components").path("schemas").propertyNames())
                .as("nothing of the Java signatures (JsonNode bodies, the Java envelope, the caller) is left")
                .doesNotContain("JsonNode", "ApiResponse", "Caller");
    }

    private static JsonNode schema(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty()
                ? schema
                : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private JsonNode document() {
        Reply reply = api().get("/v3/api-docs", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** Paths and components sorted by name (schemas keep their properties in the records' order). */
    private static String canonical(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.set("paths", sorted(copy.path("paths")));
        ObjectNode components = (ObjectNode) copy.path("components");
        for (String part : new ArrayList<>(components.propertyNames())) {
            components.set(part, sorted(components.path(part)));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(copy) + "\n";
    }

    private static ObjectNode sorted(JsonNode node) {
        Map<String, JsonNode> entries = new TreeMap<>();
        node.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
        ObjectNode sorted = JSON.createObjectNode();
        entries.forEach(sorted::set);
        return sorted;
    }
}
