package org.openchakra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/decisions.md ("Module boundaries"). Every package under {@code org.openchakra}
 * is a module of its own, sub-packages included: {@code whatsapp.plugin} and {@code whatsapp.sandbox} are
 * two modules, not one. The rules are read from the compiled classes (ArchUnit); "public only when used
 * elsewhere" reads the sources too: javac inlines constants and keeps no local variable types, so the
 * bytecode does not show every use a class has in another package.
 */
class ModuleBoundariesTest {

    private static final String ROOT = "org.openchakra";

    /**
     * The server's own classes: not its tests, not the Meta simulator it carries for sandbox mode, not the
     * client the tests generate from the OpenAPI document (api-client).
     */
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/org/openchakra/metasim/"))
            .withImportOption(location -> !location.contains("/org/openchakra/client/"))
            .importPackages(ROOT);

    @Test
    void modulesDependOnEachOtherWithoutCycles() {
        slices().assignedFrom(MODULES)
                .should()
                .beFreeOfCycles()
                .because("a module that needs to tell another of a change publishes an event instead of calling it")
                .check(SERVER);
    }

    /**
     * The same rule over the sources: javac inlines constants, so a module that uses only another's
     * constants (as {@code db} once used {@code bootstrap}'s profile name) depends on it without the bytecode
     * showing it.
     */
    @Test
    void modulesNameEachOtherWithoutCycles() {
        Map<String, Set<String>> uses = new TreeMap<>();
        packagesNamingEachClass(List.of(Path.of("src/main/java"))).forEach((className, packages) -> {
            String used = className.substring(0, className.lastIndexOf('.'));
            while (!used.equals(ROOT) && !SERVER.containPackage(used)) {
                used = used.substring(0, used.lastIndexOf('.')); // a nested class: Outer.Inner
            }
            for (String user : packages) {
                if (!user.equals(used) && !used.startsWith(ROOT + ".metasim")) {
                    uses.computeIfAbsent(user, u -> new TreeSet<>()).add(used);
                }
            }
        });
        assertThat(cycleIn(uses))
                .as("a cycle of modules naming each other's classes")
                .isEmpty();
    }

    /** One cycle of the graph (its modules in order, the first repeated at the end), or empty. */
    private static List<String> cycleIn(Map<String, Set<String>> uses) {
        Set<String> done = new HashSet<>();
        for (String start : uses.keySet()) {
            List<String> cycle = cycleFrom(start, uses, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(
            String module, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
        int seen = path.indexOf(module);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(module);
            return cycle;
        }
        if (!done.add(module)) {
            return List.of();
        }
        path.add(module);
        for (String used : uses.getOrDefault(module, Set.of())) {
            List<String> cycle = cycleFrom(used, uses, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return List.of();
    }

    @Test
    void aRepositoryIsUsedOnlyInsideItsModule() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .notBePublic()
                .because("other modules go through the module's service or listen to its events")
                .check(SERVER);
    }

    @Test
    void onlySandboxModeUsesTheSimulator() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".whatsapp.sandbox")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".metasim..")
                .because("the simulator is Meta's side, run in-process only in sandbox mode (whatsapp.md §9)")
                .check(SERVER);
    }

    /** Classes a library instantiates from their name, through reflection, which only a public class allows. */
    private static final Set<String> MADE_BY_NAME = Set.of(ROOT + ".web.OnDemandAsyncTimeoutProtocol");

    @Test
    void aClassIsPublicOnlyWhenAnotherModuleUsesIt() {
        Map<String, Set<String>> namedBy =
                packagesNamingEachClass(List.of(Path.of("src/main/java"), Path.of("src/test/java")));
        List<String> needlesslyPublic = SERVER.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getPackageName().equals(ROOT))
                .filter(c -> !MADE_BY_NAME.contains(c.getName()))
                .filter(c -> namedBy.getOrDefault(c.getName(), Set.of()).stream()
                        .allMatch(pkg -> pkg.equals(c.getPackageName())))
                .filter(c -> c.getDirectDependenciesToSelf().stream()
                        .allMatch(d -> d.getOriginClass().getPackageName().equals(c.getPackageName())))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        assertThat(needlesslyPublic)
                .as("public, but no other package (main or test sources) names them: make them package-private")
                .isEmpty();
    }

    /** Each package is a slice: {@code org.openchakra.whatsapp.plugin} → {@code whatsapp.plugin}. */
    private static final SliceAssignment MODULES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) {
                return SliceIdentifier.of("(application)");
            }
            return pkg.startsWith(ROOT + ".")
                    ? SliceIdentifier.of(pkg.substring(ROOT.length() + 1))
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT;
        }
    };

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern CLASS_NAME = Pattern.compile("\\borg\\.openchakra(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    /** For each class name written out in the sources (imports, fully qualified uses), the packages that do. */
    private static Map<String, Set<String>> packagesNamingEachClass(List<Path> sourceFolders) {
        Map<String, Set<String>> namedBy = new HashMap<>();
        for (Path sources : sourceFolders) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    String filePackage = pkg.find() ? pkg.group(1) : "";
                    Matcher name = CLASS_NAME.matcher(text);
                    while (name.find()) {
                        namedBy.computeIfAbsent(name.group(), n -> new HashSet<>())
                                .add(filePackage);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return namedBy;
    }
}
