package org.openchakra.whatsapp.partner;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.web.util.HtmlUtils;

/**
 * The connect page's HTML, written on the server: plain forms, no script. Every value that reaches the
 * page (names a partner chose, what a client typed, Meta's texts) is escaped; secrets are never written
 * back into a form.
 */
final class ConnectPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body{margin:0;background:#f3f5f7;color:#1c2430;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            main{max-width:560px;margin:40px auto;padding:0 16px}
            .card{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:24px 28px;margin-bottom:20px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px}
            .brand{color:#128c7e;font-weight:600;letter-spacing:.02em;margin-bottom:16px}
            .muted{color:#5b6675;font-size:14px}
            label{display:block;font-weight:600;margin:14px 0 4px}
            input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:9px 10px;border:1px solid #b9c3cf;border-radius:6px;font:inherit}
            .hint{font-weight:400;color:#5b6675;font-size:13px}
            button{margin-top:18px;padding:10px 18px;border:0;border-radius:6px;background:#128c7e;color:#fff;font:inherit;font-weight:600;cursor:pointer}
            button.secondary{background:#fff;color:#128c7e;border:1px solid #128c7e}
            .errors{background:#fdecec;border:1px solid #f3b4b4;color:#8a1c1c;border-radius:6px;padding:10px 14px;margin:12px 0}
            .errors ul{margin:0;padding-left:18px}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:12px 0 0}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
            code{background:#eef2f5;padding:1px 5px;border-radius:4px}
            """;

    private ConnectPage() {}

    /** Values typed before, shown again after a refusal; never the secrets. */
    record Typed(String wabaId, String phoneNumberIds) {
        static final Typed NONE = new Typed("", "");
    }

    static String form(PartnerConnector.Link link, Typed typed, List<ErrorDetail> problems) {
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"card\"><div class=\"brand\">OpenChakra</div>");
        html.append("<h1>")
                .append(link.plugin() == null ? "Connect WhatsApp" : "Reconnect WhatsApp")
                .append("</h1>");
        html.append("<p class=\"muted\">")
                .append(esc(link.teamName().isBlank() ? "A partner" : link.teamName()))
                .append(" asks you to connect a WhatsApp Business account");
        if (link.token().clientName() != null) {
            html.append(" for <strong>").append(esc(link.token().clientName())).append("</strong>");
        }
        html.append(".</p><dl><dt>Plugin</dt><dd id=\"plugin-name\">")
                .append(esc(link.pluginName()))
                .append("</dd>");
        if (link.plugin() != null) {
            html.append("<dt>Plugin id</dt><dd><code>")
                    .append(link.plugin().id())
                    .append("</code></dd>");
        }
        html.append("</dl>");
        if (!problems.isEmpty()) {
            html.append("<div class=\"errors\" id=\"errors\" role=\"alert\"><ul>");
            problems.forEach(p -> html.append("<li>").append(esc(p.message())).append("</li>"));
            html.append("</ul></div>");
        }
        html.append("</div>");
        if (link.cloudOffered()) {
            cloudForm(html, link, typed);
        }
        if (link.sandboxOffered()) {
            sandboxForm(html, link);
        }
        html.append("<p class=\"muted\">This link works once and expires at ")
                .append(TIME.format(link.token().expiresAt()))
                .append(".</p>");
        return page(link.plugin() == null ? "Connect WhatsApp" : "Reconnect WhatsApp", html.toString());
    }

    private static void cloudForm(StringBuilder html, PartnerConnector.Link link, Typed typed) {
        html.append("<form class=\"card\" method=\"post\" action=\"")
                .append(ConnectPageController.PATH)
                .append("\" autocomplete=\"off\"><h2>WhatsApp Cloud API account</h2>");
        hidden(html, "connectToken", link.rawToken());
        hidden(html, "mode", "CLOUD_API");
        field(html, "wabaId", "WhatsApp Business Account (WABA) id", "text", typed.wabaId(), true, null);
        field(
                html,
                "phoneNumberIds",
                "Phone-number ids",
                "text",
                typed.phoneNumberIds(),
                false,
                "Separated by commas; leave empty to connect every number of the WABA.");
        field(
                html,
                "accessToken",
                "Access token",
                "password",
                "",
                true,
                "A system-user token with whatsapp_business_messaging and whatsapp_business_management.");
        field(html, "appSecret", "App secret", "password", "", true, "Verifies the signatures of Meta's webhooks.");
        html.append("<p class=\"muted\">The token is checked with Meta at <code>")
                .append(esc(link.graphBaseUrl()))
                .append("</code>, stored encrypted and never shown again.</p>");
        html.append("<button type=\"submit\" id=\"connect\">Connect</button></form>");
    }

    private static void sandboxForm(StringBuilder html, PartnerConnector.Link link) {
        html.append("<form class=\"card\" method=\"post\" action=\"")
                .append(ConnectPageController.PATH)
                .append("\"><h2>Sandbox</h2>");
        hidden(html, "connectToken", link.rawToken());
        hidden(html, "mode", "SANDBOX");
        html.append("<p class=\"muted\">")
                .append(
                        link.plugin() == null
                                ? "No Meta account yet? A sandbox plugin talks to OpenChakra's built-in simulator of Meta: a made-up"
                                        + " WABA and number, approved sample templates, simulated customers."
                                : "This is a sandbox plugin: confirm to connect it again with fresh simulated credentials.")
                .append("</p>");
        html.append("<button type=\"submit\" id=\"use-sandbox\" class=\"")
                .append(link.cloudOffered() ? "secondary" : "")
                .append("\">")
                .append(link.plugin() == null ? "Use the sandbox" : "Reconnect the sandbox")
                .append("</button></form>");
    }

    static String connected(WhatsappPlugin plugin) {
        StringBuilder html = new StringBuilder("<div class=\"card\"><div class=\"brand\">OpenChakra</div>");
        html.append("<h1>WhatsApp connected</h1><p class=\"muted\">You can close this page.</p><dl>");
        html.append("<dt>Plugin id</dt><dd><code id=\"plugin-id\">")
                .append(plugin.id())
                .append("</code></dd>");
        html.append("<dt>Name</dt><dd>").append(esc(plugin.name())).append("</dd>");
        html.append("<dt>Mode</dt><dd id=\"mode\">").append(plugin.mode()).append("</dd>");
        for (WhatsappPlugin.Waba waba : plugin.wabas()) {
            html.append("<dt>WABA</dt><dd><code class=\"waba-id\">")
                    .append(esc(waba.id()))
                    .append("</code>");
            if (waba.name() != null) {
                html.append(" ").append(esc(waba.name()));
            }
            html.append("</dd><dt>Phone numbers</dt><dd><ul class=\"numbers\" style=\"margin:0;padding-left:18px\">");
            for (WhatsappPlugin.PhoneNumber number : waba.phoneNumbers()) {
                html.append("<li><code class=\"phone-number-id\">")
                        .append(esc(number.id()))
                        .append("</code>");
                if (number.displayPhoneNumber() != null) {
                    html.append(" ").append(esc(number.displayPhoneNumber()));
                }
                html.append("</li>");
            }
            html.append("</ul></dd>");
        }
        html.append("</dl></div>");
        return page("WhatsApp connected", html.toString());
    }

    static String refused(String title, List<ErrorDetail> problems) {
        StringBuilder html = new StringBuilder("<div class=\"card\"><div class=\"brand\">OpenChakra</div>");
        html.append("<h1>").append(esc(title)).append("</h1>");
        problems.forEach(
                p -> html.append("<p id=\"refusal\">").append(esc(p.message())).append("</p>"));
        html.append("</div>");
        return page(title, html.toString());
    }

    private static void field(
            StringBuilder html, String name, String label, String type, String value, boolean required, String hint) {
        html.append("<label for=\"").append(name).append("\">").append(esc(label));
        if (hint != null) {
            html.append(" <span class=\"hint\">").append(esc(hint)).append("</span>");
        }
        html.append("</label><input type=\"")
                .append(type)
                .append("\" id=\"")
                .append(name)
                .append("\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(esc(value))
                .append('"')
                .append(required ? " required" : "")
                .append(" spellcheck=\"false\">");
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("<input type=\"hidden\" name=\"")
                .append(name)
                .append("\" value=\"")
                .append(esc(value))
                .append("\">");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(title) + " · OpenChakra</title><style>"
                + STYLE + "</style></head><body><main>" + body + "</main></body></html>";
    }

    static String esc(String s) {
        return HtmlUtils.htmlEscape(Objects.requireNonNullElse(s, ""), "UTF-8");
    }
}
