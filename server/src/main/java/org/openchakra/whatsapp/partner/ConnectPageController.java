package org.openchakra.whatsapp.partner;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.TokenInRequest;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connect page (whatsapp.md §10) a partner's client opens from the link: no bearer token, the link's
 * connect token is the credential (and, being unguessable and single-use, what keeps the form safe from
 * cross-site posts). A browser gets HTML for everything, refusals included; a client that does not ask
 * for HTML gets refusals as the API's error envelope.
 */
@RestController
class ConnectPageController {

    static final String PATH = "/v1/ext/whatsapp-partner/connect";
    /** The page takes nothing from elsewhere, runs no script, posts only to itself and is never framed. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final PartnerConnector connector;

    public ConnectPageController(PartnerConnector connector) {
        this.connector = connector;
    }

    @GetMapping("/v1/ext/whatsapp-partner/connect")
    @TokenInRequest
    @ApiOperation(
            id = "openConnectPage",
            summary = "The connect page a partner's client opens (HTML; the link's token is the credential)",
            query = PartnerSchemas.ConnectPageQuery.class,
            answer = String.class,
            answerMediaType = "text/html")
    public ResponseEntity<String> page(HttpServletRequest request) {
        try {
            PartnerConnector.Link link = connector.open(request.getParameter("connectToken"));
            return html(HttpStatus.OK, ConnectPage.form(link, ConnectPage.Typed.NONE, List.of()));
        } catch (ConnectRefused e) {
            return refused(request, e, null);
        }
    }

    /** The form's submission: {@code mode} SANDBOX confirms a sandbox plugin; anything else is a Cloud API account. */
    @PostMapping("/v1/ext/whatsapp-partner/connect")
    @TokenInRequest
    @ApiOperation(
            id = "submitConnectPage",
            summary = "The connect page's form",
            body = PartnerSchemas.ConnectForm.class,
            bodyMediaType = "application/x-www-form-urlencoded",
            answer = String.class,
            answerMediaType = "text/html")
    public ResponseEntity<String> connect(HttpServletRequest request) {
        String token = request.getParameter("connectToken");
        ConnectPage.Typed typed = new ConnectPage.Typed(value(request, "wabaId"), value(request, "phoneNumberIds"));
        try {
            WhatsappPlugin plugin = "SANDBOX".equals(request.getParameter("mode"))
                    ? connector.connectSandbox(token)
                    : connector.connectCloud(
                            token,
                            CloudForm.read(
                                    request.getParameter("wabaId"),
                                    request.getParameter("phoneNumberIds"),
                                    request.getParameter("accessToken"),
                                    request.getParameter("appSecret")));
            return html(HttpStatus.OK, ConnectPage.connected(plugin));
        } catch (ConnectRefused e) {
            return refused(request, e, typed);
        }
    }

    private ResponseEntity<String> refused(HttpServletRequest request, ConnectRefused e, ConnectPage.Typed typed) {
        if (!wantsHtml(request)) {
            throw e.asApiException();
        }
        if (e.retry()) {
            try {
                PartnerConnector.Link link = connector.open(request.getParameter("connectToken"));
                return html(
                        e.status(),
                        ConnectPage.form(link, typed == null ? ConnectPage.Typed.NONE : typed, e.problems()));
            } catch (ConnectRefused linkGone) {
                return html(linkGone.status(), ConnectPage.refused(linkGone.title(), linkGone.problems()));
            }
        }
        return html(e.status(), ConnectPage.refused(e.title(), e.problems()));
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static String value(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value.length() > 2000 ? value.substring(0, 2000) : value;
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CSP)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                // The token is in the page's URL: no Referer may carry it to another site.
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
