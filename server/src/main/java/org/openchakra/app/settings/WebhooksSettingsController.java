package org.openchakra.app.settings;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.web.ApiException;
import org.openchakra.webhook.WebhookOutbox;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The webhook delivery log (inbox.md §2.7, webhooks.md): the team's deliveries newest first, by status, and
 * "send again" (a new attempt of the same event, now). Another team's delivery is a 404.
 */
@AppController
class WebhooksSettingsController {

    static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "FAILED_RETRYING", "EXPIRED");

    /** A delivery as the log shows it. */
    record DeliveryRow(
            UUID id,
            String event,
            String kind,
            String url,
            String status,
            int attempts,
            String lastAttemptAt,
            Integer lastResponseStatus,
            String lastError,
            String createdAt) {}

    private final WebhookOutbox outbox;
    private final AppMessages messages;

    WebhooksSettingsController(WebhookOutbox outbox, AppMessages messages) {
        this.outbox = outbox;
        this.messages = messages;
    }

    @GetMapping("/app/settings/webhooks")
    String page(
            AppUser me,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        return list(me, status, page, model, "settings/webhooks");
    }

    @PostMapping("/app/settings/webhooks/{deliveryId}/redeliver")
    String redeliver(
            AppUser me, @PathVariable UUID deliveryId, @RequestParam(required = false) String status, Model model) {
        outbox.redeliver(me.teamId(), deliveryId)
                .orElseThrow(() -> ApiException.notFound(messages.text("error.notFound")));
        model.addAttribute("notice", messages.text("settings.webhooks.queued"));
        return list(me, status, 1, model, "settings/webhooks :: deliveries");
    }

    private String list(AppUser me, String status, int page, Model model, String view) {
        String filter =
                status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (filter != null && !STATUSES.contains(filter)) {
            throw ApiException.badRequest("status", "'status' must be one of " + String.join(", ", STATUSES));
        }
        int from = (SettingsPages.page(page) - 1) * SettingsPages.PAGE;
        List<WebhookOutbox.Logged> rows = outbox.list(me.teamId(), filter, null, null, from, SettingsPages.PAGE + 1);
        model.addAttribute(
                "deliveries",
                rows.stream()
                        .limit(SettingsPages.PAGE)
                        .map(d -> new DeliveryRow(
                                d.id(),
                                d.event(),
                                d.kind(),
                                d.url(),
                                d.status(),
                                d.attempts(),
                                SettingsPages.time(d.lastAttemptAt(), me.zone()),
                                d.lastResponseStatus(),
                                d.lastError(),
                                SettingsPages.time(d.createdAt(), me.zone())))
                        .toList());
        model.addAttribute("more", rows.size() > SettingsPages.PAGE);
        model.addAttribute("page", page);
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("section", "webhooks");
        return view;
    }
}
