import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The top items of a JFR recording's CPU samples ({@code jdk.ExecutionSample}), for bench/README.md:
 * <ul>
 *   <li>by library, exclusive: each sample goes to the library of its top frame, where the JDK's own classes
 *       ({@code java.*}, {@code sun.*}, {@code jdk.internal.misc} ...) count for the library that called them;
 *       the JDK's HTTP client and the JVM's own threads are libraries of their own;</li>
 *   <li>by library, inclusive: the share of samples with any frame of that library on the stack;</li>
 *   <li>the hottest methods (top frame) and the hottest of our own methods (inclusive).</li>
 * </ul>
 * Run as a single-file program: {@code java bench/src/JfrTop.java recording.jfr [lines=15] [library]}; with a
 * library named, the stacks of its (exclusive) samples too.
 */
public class JfrTop {

    /** Package prefixes to library names, first match wins (so more specific prefixes come first). */
    private static final String[][] LIBRARIES = {
        {"jdk.internal.net.http", "JDK HttpClient"},
        {"java.net.http", "JDK HttpClient"},
        {"org.openchakra", "OpenChakra"},
        {"org.apache.tomcat", "Tomcat"},
        {"org.apache.catalina", "Tomcat"},
        {"org.apache.coyote", "Tomcat"},
        {"jakarta.servlet", "Tomcat"},
        {"org.springframework.jdbc", "Spring JDBC/tx"},
        {"org.springframework.transaction", "Spring JDBC/tx"},
        {"org.springframework.web", "Spring MVC"},
        {"org.springframework", "Spring (other)"},
        {"tools.jackson", "Jackson"},
        {"com.fasterxml.jackson", "Jackson"},
        {"org.postgresql", "PostgreSQL driver"},
        {"com.zaxxer.hikari", "Hikari"},
        {"io.github.bucket4j", "Bucket4j"},
        {"ch.qos.logback", "Logging"},
        {"org.slf4j", "Logging"},
        {"io.micrometer", "Micrometer"},
        {"com.github.kagkarlsson", "db-scheduler"},
        {"org.apache.hc", "Apache HttpClient"},
        {"org.eclipse.jetty", "Jetty"},
    };

    public static void main(String[] args) throws Exception {
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String focus = args.length > 2 ? args[2] : null; // a library: its samples' stacks, 8 frames
        Map<String, Integer> focusStacks = new HashMap<>();
        Map<String, Integer> exclusive = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> topMethods = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = stack.getFrames();
            topMethods.merge(name(frames.get(0)), 1, Integer::sum);
            String owner = null;
            List<String> seen = new ArrayList<>();
            List<String> ourSeen = new ArrayList<>();
            for (RecordedFrame f : frames) {
                String type = f.getMethod().getType().getName();
                String lib = library(type);
                if (lib != null) {
                    if (owner == null) {
                        owner = lib;
                    }
                    if (!seen.contains(lib)) {
                        seen.add(lib);
                    }
                }
                if (type.startsWith("org.openchakra")) {
                    String n = name(f);
                    if (!ourSeen.contains(n)) {
                        ourSeen.add(n);
                    }
                }
            }
            if (owner == null) {
                String thread = e.getThread() == null ? "?" : e.getThread().getJavaName();
                owner = thread != null && thread.startsWith("ForkJoinPool") ? "JDK (virtual-thread scheduler)"
                        : "JDK/JVM (" + frames.get(frames.size() - 1).getMethod().getType().getName() + ")";
            }
            exclusive.merge(owner, 1, Integer::sum);
            if (owner.equals(focus)) {
                StringBuilder chain = new StringBuilder();
                for (int i = 0; i < Math.min(8, frames.size()); i++) {
                    chain.append(i == 0 ? "" : " < ").append(name(frames.get(i)));
                }
                focusStacks.merge(chain.toString(), 1, Integer::sum);
            }
            seen.forEach(l -> inclusive.merge(l, 1, Integer::sum));
            ourSeen.forEach(n -> ours.merge(n, 1, Integer::sum));
        }
        System.out.println("samples=" + total);
        print("by library (exclusive; JDK classes count for their caller)", exclusive, total, lines);
        print("by library (inclusive: on the stack)", inclusive, total, lines);
        print("hottest methods (top frame)", topMethods, total, lines);
        print("our methods (inclusive)", ours, total, lines);
        if (focus != null) {
            print("stacks of " + focus, focusStacks, total, lines * 2);
        }
    }

    private static String library(String type) {
        for (String[] l : LIBRARIES) {
            if (type.startsWith(l[0])) {
                return l[1];
            }
        }
        return null;
    }

    private static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int lines) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(lines)
                .forEach(en -> System.out.printf("%5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
    }
}
