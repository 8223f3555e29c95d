package org.openchakra.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The web app over plain HTTP, as a browser without scripts would use it: a cookie jar, forms posted with the
 * CSRF token that the page carries, redirects not followed (so tests see them). For the security and
 * bad-input tests; the person-like tests use {@link Browser}.
 */
public final class AppSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrf;

    public AppSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** GET; remembers the page's CSRF token for the next form. */
    public Reply get(String path) {
        return get(path, Map.of());
    }

    public Reply get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        Reply reply = send(request);
        remember(reply.raw());
        return reply;
    }

    /** A GET of a URL elsewhere (an identity provider), with the same cookie jar. */
    public Reply getAbsolute(URI url) {
        return send(HttpRequest.newBuilder(url).GET());
    }

    /** A form POST with the remembered CSRF token (as a browser submits the page's form). */
    public Reply post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null) {
            fields.putIfAbsent("_csrf", csrf);
        }
        return postWithoutToken(path, fields, Map.of());
    }

    /** A form POST exactly as given: what a cross-site form or a script elsewhere could send. */
    public Reply postWithoutToken(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        Reply reply = send(request);
        remember(reply.raw());
        return reply;
    }

    /** A multipart form POST (a file upload) with the remembered CSRF token in its header. */
    public Reply multipart(String path, Multipart form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body()));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** An htmx request: the header htmx sends and the CSRF token in the header the page names. */
    public Reply htmx(String method, String path, Map<String, String> form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(encode(form)));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** An htmx POST of a body as given (a multipart form, say), with the CSRF token. */
    public Reply htmxBody(String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("HX-Request", "true")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** A GET whose body is read line by line as it comes (an event stream); close the stream to end it. */
    public java.util.stream.Stream<String> lines(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the sign-in page; answers the POST's reply (a redirect when it worked). */
    public Reply signIn(String login, String password) {
        get("/app/sign-in");
        return post("/app/sign-in", Map.of("login", login, "password", password));
    }

    /** Chooses a password through a sign-in link (the URL as the API printed it). */
    public Reply choosePassword(String linkUrl, String password) {
        String path = linkUrl.substring(linkUrl.indexOf("/app/"));
        get(path);
        String token = path.substring(path.indexOf("link=") + "link=".length());
        return post("/app/password", Map.of("link", token, "password", password, "confirmation", password));
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("OPENCHAKRA_SESSION"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body(), ApiClient.JSON.missingNode());
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(String html) {
        if (html == null) {
            return;
        }
        Matcher m = CSRF_META.matcher(html);
        if (m.find()) {
            csrf = m.group(1);
            return;
        }
        m = CSRF.matcher(html);
        if (m.find()) {
            csrf = m.group(1);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
