package org.openchakra.webhook;

import static org.openchakra.web.TimeValues.millis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of the team's customer webhooks, and redelivery (webhooks.md §2.4). */
@RestController
class WebhookDeliveryController {

    private static final List<String> STATUSES = List.of("PENDING", "DELIVERED", "FAILED_RETRYING", "EXPIRED");
    private static final int MAX_LIMIT = 1000;

    private final WebhookOutbox outbox;

    public WebhookDeliveryController(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /** Newest first; {@code limit} 1-1000 (default 100). */
    @GetMapping("/v1/admin/webhook-deliveries")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "listWebhookDeliveries",
            summary = "The team's webhook deliveries, newest first",
            data = WebhookSchemas.Delivery[].class,
            meta = WebhookSchemas.DeliveryPage.class)
    public ApiResponse list(
            Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID pluginId,
            @RequestParam(required = false) UUID eventId,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int skip) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "'status' must be one of " + String.join(", ", STATUSES));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (skip < 0) {
            throw ApiException.badRequest("skip", "'skip' must not be negative");
        }
        List<WebhookOutbox.Logged> rows = outbox.list(caller.teamId(), status, pluginId, eventId, skip, limit + 1);
        boolean hasMore = rows.size() > limit;
        return ApiResponse.ok(
                rows.stream().limit(limit).map(WebhookDeliveryController::view).toList(),
                Map.of("skip", skip, "limit", limit, "hasMore", hasMore));
    }

    @PostMapping("/v1/admin/webhook-deliveries/{id}/redeliver")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "redeliverWebhook",
            summary = "Queue a delivery again now (a new attempt of the same event)",
            data = WebhookSchemas.Delivery.class)
    public ApiResponse redeliver(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(view(outbox.redeliver(caller.teamId(), id)
                .orElseThrow(() -> ApiException.notFound("Webhook delivery " + id + " not found"))));
    }

    private static Map<String, Object> view(WebhookOutbox.Logged d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", d.id());
        v.put("eventId", d.eventId());
        v.put("event", d.event());
        v.put("kind", d.kind());
        v.put("pluginId", d.pluginId());
        v.put("url", d.url());
        v.put("status", d.status());
        v.put("attempts", d.attempts());
        v.put("lastAttemptAt", millis(d.lastAttemptAt()));
        v.put(
                "nextAttemptAt",
                "DELIVERED".equals(d.status()) || "EXPIRED".equals(d.status()) ? null : millis(d.nextAttemptAt()));
        v.put("lastResponseStatus", d.lastResponseStatus());
        v.put("lastError", d.lastError());
        v.put("createdAt", millis(d.createdAt()));
        return v;
    }
}
