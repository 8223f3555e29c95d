import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Loads the inbox's pages in headless Chromium and prints the browser's own timings (bench/inbox-render.sh).
 * Arguments: base URL, a sign-in link, the id of the 1 000-message chat, runs.
 */
public class InboxRender {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String link = args[1];
        String bigChat = args[2];
        int runs = Integer.parseInt(args[3]);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,860");
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder().usingAnyFreePort().build(), options);
        try {
            browser.get(link);
            browser.findElement(By.id("password")).sendKeys("a bench password, long enough");
            browser.findElement(By.id("confirmation")).sendKeys("a bench password, long enough");
            browser.findElement(By.id("save-password")).click();
            waitFor(browser, "return !!document.getElementById('inbox')");

            report("chat list page (/app)", measurePage(browser, base + "/app", "#chat-list li.chat-row", runs));
            report(
                    "1000-message conversation page (/app/chats/{id})",
                    measurePage(browser, base + "/app/chats/" + bigChat, "#messages li.msg", runs));
            report("1000-message conversation opened from the list (htmx)", measureOpen(browser, base, bigChat, runs));
        } finally {
            browser.quit();
        }
    }

    /** Navigation Timing of a full page load: request start to the end of the load event, and its parts. */
    private static List<double[]> measurePage(ChromeDriver browser, String url, String rows, int runs) {
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            browser.get(url);
            waitFor(browser, "var n = performance.getEntriesByType('navigation')[0]; return n && n.loadEventEnd > 0;");
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                    "var n = performance.getEntriesByType('navigation')[0];"
                            + " return {total: n.loadEventEnd - n.requestStart, server: n.responseStart - n.requestStart,"
                            + " transfer: n.responseEnd - n.responseStart, size: n.transferSize,"
                            + " rows: document.querySelectorAll(arguments[0]).length};",
                    rows);
            if (i >= 2) { // two warm-up loads
                samples.add(new double[] {num(t.get("total")), num(t.get("server")), num(t.get("transfer")),
                    num(t.get("size")), num(t.get("rows"))});
            }
        }
        return samples;
    }

    /** A click on the chat in the list to the conversation swapped in, laid out and painted. */
    private static List<double[]> measureOpen(ChromeDriver browser, String base, String chat, int runs) {
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < runs + 2; i++) {
            browser.get(base + "/app");
            waitFor(browser, "return !!document.querySelector('#chat-" + chat + " a');");
            Object ms = ((JavascriptExecutor) browser).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + " var start = performance.now();"
                            + " document.body.addEventListener('htmx:afterSettle', function handler(e) {"
                            + "   if (!e.detail.target || e.detail.target.id !== 'conversation') return;"
                            + "   document.body.removeEventListener('htmx:afterSettle', handler);"
                            + "   var n = document.querySelectorAll('#messages li.msg').length;"
                            + "   document.getElementById('messages').getBoundingClientRect();"
                            + "   requestAnimationFrame(function () { done([performance.now() - start, n]); });"
                            + " });"
                            + " document.querySelector('#chat-" + chat + " a').click();");
            List<?> result = (List<?>) ms;
            if (i >= 2) {
                samples.add(new double[] {num(result.get(0)), 0, 0, 0, num(result.get(1))});
            }
        }
        return samples;
    }

    private static void report(String label, List<double[]> samples) {
        List<Double> totals = new ArrayList<>();
        samples.forEach(s -> totals.add(s[0]));
        Collections.sort(totals);
        double[] first = samples.get(0);
        double server = samples.stream().mapToDouble(s -> s[1]).sorted().toArray()[samples.size() / 2];
        System.out.printf(
                "label=\"%s\" runs=%d median_ms=%.0f p90_ms=%.0f max_ms=%.0f server_median_ms=%.0f bytes=%.0f shown=%.0f%n",
                label,
                samples.size(),
                totals.get(totals.size() / 2),
                totals.get((int) Math.ceil(totals.size() * 0.9) - 1),
                totals.get(totals.size() - 1),
                server,
                first[3],
                first[4]);
    }

    private static void waitFor(ChromeDriver browser, String condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(condition))) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("timed out waiting for: " + condition);
    }

    private static double num(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }
}
