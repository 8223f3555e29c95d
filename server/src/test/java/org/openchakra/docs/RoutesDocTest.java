package org.openchakra.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The controller convention of docs/decisions.md ("Controllers"): every route is written out in full on its
 * handler method, so that a search for a URL finds the method, and docs/routes.md lists them all as the
 * running server maps them.
 */
class RoutesDocTest extends IntegrationTest {

    /** The tests run in server/, so the project's root is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Path ROUTES = ROOT.resolve("docs/routes.md");
    private static final Path FRESH = Path.of("target/routes.md").toAbsolutePath();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private record Route(String path, String methods, String conditions, HandlerMethod handler) {
        String handlerName() {
            Class<?> type = handler.getBeanType();
            return type.getName().substring("org.openchakra.".length()) + "#"
                    + handler.getMethod().getName();
        }
    }

    @Test
    void docsRoutesMdListsEveryRouteOfTheServer() throws IOException {
        String fresh = markdown(routes());
        Files.writeString(FRESH, fresh);
        String committed = Files.exists(ROUTES) ? Files.readString(ROUTES) : "";
        assertThat(committed)
                .as("docs/routes.md is not what the server maps; refresh it from the project's root with: cp "
                        + ROOT.relativize(FRESH) + " docs/routes.md")
                .isEqualTo(fresh);
    }

    @Test
    void everyRouteIsWrittenOutInFullOnItsHandlerMethod() throws IOException {
        List<String> notWrittenOut = new ArrayList<>();
        for (Route route : routes()) {
            Class<?> type = route.handler().getBeanType();
            while (type.getEnclosingClass() != null) {
                type = type.getEnclosingClass();
            }
            Path source = Path.of("src/main/java", type.getName().replace('.', '/') + ".java");
            if (!Files.readString(source).contains("\"" + route.path() + "\"")) {
                notWrittenOut.add(route.path() + " (" + route.handlerName() + ")");
            }
        }
        assertThat(notWrittenOut)
                .as("routes whose full path is not a string literal in their controller"
                        + " (no class-level @RequestMapping, no path constants)")
                .isEmpty();
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getName().startsWith("org.openchakra.")) {
                continue; // springdoc's own endpoints
            }
            Set<String> verbs = info.getMethodsCondition().getMethods().stream()
                    .map(Enum::name)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            String methods = verbs.isEmpty() ? "any" : String.join(", ", verbs);
            List<String> conditions = new ArrayList<>();
            if (!info.getParamsCondition().isEmpty()) {
                conditions.add("params " + info.getParamsCondition());
            }
            if (!info.getHeadersCondition().isEmpty()) {
                conditions.add("headers " + info.getHeadersCondition());
            }
            if (!info.getConsumesCondition().isEmpty()) {
                conditions.add("consumes " + info.getConsumesCondition());
            }
            if (!info.getProducesCondition().isEmpty()) {
                conditions.add("produces " + info.getProducesCondition());
            }
            for (String path : info.getPatternValues()) {
                routes.add(new Route(path, methods, String.join("; ", conditions), handler));
            }
        }
        routes.sort(
                Comparator.comparing(Route::path).thenComparing(Route::methods).thenComparing(Route::conditions));
        return routes;
    }

    private static String markdown(List<Route> routes) {
        StringBuilder md = new StringBuilder();
        md.append("# Routes\n\n")
                .append("Every route of the server, as it maps them: method, path, the handler method (under\n")
                .append(
                        "`server/src/main/java/org/openchakra/`) and the conditions that tell routes of one path apart.\n")
                .append("Generated: `RoutesDocTest` fails when this file is stale and tells how to refresh it.\n\n")
                .append("| method | path | handler | only when |\n")
                .append("|---|---|---|---|\n");
        for (Route route : routes) {
            md.append("| ")
                    .append(route.methods())
                    .append(" | `")
                    .append(route.path())
                    .append("` | `")
                    .append(route.handlerName())
                    .append("` | ")
                    .append(route.conditions().replace("|", "\\|"))
                    .append(" |\n");
        }
        return md.toString();
    }
}
