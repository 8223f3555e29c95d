package org.openchakra.web;

import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Writes what each handler's {@link ApiOperation} says into the document springdoc made from the mappings:
 * the operation id, the request body, the answer inside the envelope of README §3 and the refusals in
 * {@link Envelopes.ErrorAnswer}. Operations are tagged with their feature's package (so a generated client
 * has one class per feature), and listed without a bearer token where the API takes none.
 */
@Component
// Not in the command-line runs (admin-token), which have no web layer to describe.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiOperations implements OpenApiCustomizer {

    private static final String PACKAGE = "org.openchakra.";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    private final RequestMappingHandlerMapping mappings;
    private final RecordSchemas bodies = new RecordSchemas(RecordSchemas.Use.BODY);
    private final RecordSchemas answers = new RecordSchemas(RecordSchemas.Use.ANSWER);

    OpenApiOperations(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    @Override
    public void customise(OpenAPI openApi) {
        NamedSchemas schemas = new NamedSchemas();
        Components components = openApi.getComponents();
        schemas.add(answers.resolve(Envelopes.ErrorAnswer.class));
        RefusalResponses.addTo(components);
        Map<String, List<Handler>> handlers = handlersByPath();
        for (Map.Entry<String, PathItem> path :
                new ArrayList<>(openApi.getPaths().entrySet())) {
            List<Handler> candidates = handlers.getOrDefault(path.getKey(), List.of());
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().readOperationsMap().entrySet()) {
                RequestMethod method = RequestMethod.valueOf(entry.getKey().name());
                candidates.stream()
                        .filter(h -> h.methods().isEmpty() || h.methods().contains(method))
                        .findFirst()
                        .ifPresent(h -> describe(path.getKey(), method, entry.getValue(), h, schemas));
            }
        }
        dropSlashTwins(openApi, handlers);
        // springdoc's own schemas first, ours over them: those of undescribed operations stay until unused.
        var all = new TreeMap<>(components.getSchemas() == null ? Map.of() : components.getSchemas());
        all.putAll(schemas.all());
        components.setSchemas(all);
        UnusedSchemas.remove(openApi);
    }

    private record Handler(Set<RequestMethod> methods, List<String> paths, HandlerMethod method) {}

    private Map<String, List<Handler>> handlersByPath() {
        Map<String, List<Handler>> byPath = new HashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            List<String> paths = List.copyOf(e.getKey().getPatternValues());
            Handler handler = new Handler(e.getKey().getMethodsCondition().getMethods(), paths, e.getValue());
            for (String path : paths) {
                byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(handler);
            }
        }
        return byPath;
    }

    private void describe(
            String path, RequestMethod method, Operation operation, Handler handler, NamedSchemas schemas) {
        HandlerMethod handlerMethod = handler.method();
        operation.setTags(List.of(tag(handlerMethod.getBeanType())));
        if (!AuthenticationFilter.isProtected(path)) {
            operation.setSecurity(List.of());
        }
        ApiOperation doc = find(handlerMethod.getMethod(), path, method);
        if (doc == null) {
            return;
        }
        operation.setOperationId(doc.id());
        operation.setSummary(doc.summary().isEmpty() ? null : doc.summary());
        operation.setDescription(doc.description().isEmpty() ? null : doc.description());
        if (doc.body() != Void.class) {
            boolean required = operation.getRequestBody() != null
                    ? !Boolean.FALSE.equals(operation.getRequestBody().getRequired())
                    : doc.bodyRequired();
            operation.setRequestBody(new RequestBody()
                    .required(required)
                    .content(NamedSchemas.content(doc.bodyMediaType(), schemas.add(bodies.resolve(doc.body())))));
        }
        if (doc.query() != Void.class) {
            addQueryParameters(operation, doc.query(), schemas);
        }
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse("200", success(doc, schemas));
        RefusalResponses.of(path, operation, handlerMethod).forEach(responses::addApiResponse);
        operation.setResponses(responses);
    }

    /** The annotation for this path and method: one that names them, else one that names neither. */
    private static ApiOperation find(Method method, String path, RequestMethod httpMethod) {
        ApiOperation fallback = null;
        for (ApiOperation doc : AnnotatedElementUtils.findMergedRepeatableAnnotations(method, ApiOperation.class)) {
            boolean pathMatches = doc.path().isEmpty() || doc.path().equals(path);
            boolean methodMatches =
                    doc.method().length == 0 || List.of(doc.method()).contains(httpMethod);
            if (pathMatches && methodMatches) {
                if (!doc.path().isEmpty() || doc.method().length > 0) {
                    return doc;
                }
                fallback = doc;
            }
        }
        return fallback;
    }

    private io.swagger.v3.oas.models.responses.ApiResponse success(ApiOperation doc, NamedSchemas schemas) {
        io.swagger.v3.oas.models.responses.ApiResponse ok =
                new io.swagger.v3.oas.models.responses.ApiResponse().description("OK");
        ok.addHeaderObject(RequestIds.HEADER, new Header().$ref(RefusalResponses.REQUEST_ID));
        if (doc.answer() != Void.class) {
            Schema<?> schema = doc.answer() == byte[].class
                    ? new JsonSchema().types(Set.of("string")).format("binary")
                    : doc.answer() == String.class
                            ? new JsonSchema().types(Set.of("string"))
                            : schemas.add(answers.resolve(doc.answer()));
            return ok.content(NamedSchemas.content(doc.answerMediaType(), schema));
        }
        if (doc.data() == Void.class && doc.meta() == Void.class) {
            return ok;
        }
        return ok.content(NamedSchemas.content(JSON, schemas.envelope(doc, answers)));
    }

    private void addQueryParameters(Operation operation, Class<?> query, NamedSchemas schemas) {
        ResolvedSchema resolved = bodies.resolve(query);
        String name = NamedSchemas.refName(resolved.schema.get$ref());
        Schema<?> model = RecordSchemas.named(resolved).get(name);
        Set<String> known = new HashSet<>();
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> known.add(p.getName()));
        }
        List<String> required = model.getRequired() == null ? List.of() : model.getRequired();
        model.getProperties().forEach((parameter, schema) -> {
            if (known.add(parameter)) {
                String description = schema.getDescription();
                // A query string holds no nulls; the description belongs to the parameter.
                schema.setDescription(null);
                if (schema.getTypes() != null) {
                    schema.getTypes().remove("null");
                }
                operation.addParametersItem(new Parameter()
                        .in("query")
                        .name(parameter)
                        .required(required.contains(parameter))
                        .description(description)
                        .schema(schema));
            }
        });
        // The query record's nested records, if any, are schemas of their own.
        RecordSchemas.named(resolved).forEach((n, s) -> {
            if (!n.equals(name)) {
                schemas.put(n, s);
            }
        });
    }

    /** A path that differs from another of its handler's only by a trailing slash is the same operation. */
    private static void dropSlashTwins(OpenAPI openApi, Map<String, List<Handler>> handlers) {
        handlers.forEach((path, list) -> {
            if (path.endsWith("/")
                    && list.stream().allMatch(h -> h.paths().contains(path.substring(0, path.length() - 1)))) {
                openApi.getPaths().remove(path);
            }
        });
    }

    static String tag(Class<?> controller) {
        String name = controller.getPackageName();
        return name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()).replace('.', '-') : name;
    }
}
