package org.openchakra.metasim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.node.ObjectNode;

/**
 * Status webhooks per accepted send (spec 6.5, 8.5): {@code sent}, {@code delivered}, {@code read}, or
 * {@code failed} with {@code errors[]}; reactions get {@code sent} only; {@code delivered} may be skipped when
 * {@code read} is immediate; {@code conversation} is sent up to v23.0 only; {@code pricing} with {@code sent} and
 * with the first of {@code delivered}/{@code read}.
 */
final class StatusTimeline {

    /** How one message ends: its last status, and the error of a {@code failed} one. */
    record Outcome(String status, MetaError error) {}

    private final Simulation sim;
    private final Map<String, RecipientBehaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Queue<Outcome>> nextOutcomes = new ConcurrentHashMap<>();

    StatusTimeline(Simulation sim) {
        this.sim = sim;
    }

    void behaviour(String waId, RecipientBehaviour behaviour) {
        behaviours.put(PhoneNumbers.digits(waId), behaviour);
    }

    /** The next message from the number to the user ends so (in order, when given several times). */
    void next(String phoneNumberId, String waId, Outcome outcome) {
        nextOutcomes
                .computeIfAbsent(phoneNumberId + "|" + PhoneNumbers.digits(waId), k -> new ConcurrentLinkedQueue<>())
                .add(outcome);
    }

    void schedule(AcceptedSend send) {
        Queue<Outcome> scripted = send.group() ? null : nextOutcomes.get(send.number().id + "|" + send.recipientId());
        Outcome outcome = scripted == null ? null : scripted.poll();
        if (outcome != null && outcome.error() != null && send.asyncFailure() == null) {
            sim.later(sim.config.sentDelay(), () -> emit(send, "failed", false, outcome.error()));
            return;
        }
        if (send.asyncFailure() != null) {
            sim.later(sim.config.sentDelay(), () -> emit(send, "failed", false, send.asyncFailure()));
            return;
        }
        RecipientBehaviour behaviour = send.group()
                ? RecipientBehaviour.NEVER_READS
                : outcome != null
                        ? behaviourEndingIn(outcome.status())
                        : behaviours.getOrDefault(send.recipientId(), RecipientBehaviour.NORMAL);
        if (behaviour == RecipientBehaviour.UNDELIVERABLE) {
            sim.later(
                    sim.config.sentDelay(),
                    () -> emit(
                            send,
                            "failed",
                            false,
                            MetaError.of(
                                    131026,
                                    "Message failed to send because the recipient's phone number is not reachable on WhatsApp.")));
            return;
        }
        List<String> statuses = new ArrayList<>(List.of("sent"));
        boolean reaction = send.type().equals("reaction");
        if (!reaction && behaviour != RecipientBehaviour.OFFLINE) {
            boolean reads = behaviour == RecipientBehaviour.NORMAL
                    && (sim.switches.readByRecipients()
                            || (outcome != null && outcome.status().equals("read")));
            boolean skipDelivered = reads && sim.random.nextDouble() < sim.switches.skipDeliveredProbability();
            if (!skipDelivered) {
                statuses.add("delivered");
            }
            if (reads) {
                statuses.add("read");
            }
        }
        List<Duration> delays = new ArrayList<>();
        for (String status : statuses) {
            delays.add(
                    switch (status) {
                        case "sent" -> sim.config.sentDelay();
                        case "delivered" -> sim.config.deliveredDelay();
                        default -> sim.config.readDelay();
                    });
        }
        if (sim.switches.reorderStatuses()) {
            Collections.shuffle(delays, sim.random);
        }
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            boolean billedHere = status.equals("sent") || i == 1;
            // Serialise the timeline by a small per-step offset so equal delays still keep their intended order.
            sim.later(delays.get(i).plusNanos(i * 1000L), () -> emit(send, status, billedHere, null));
        }
    }

    private static RecipientBehaviour behaviourEndingIn(String status) {
        return switch (status) {
            case "sent" -> RecipientBehaviour.OFFLINE;
            case "delivered" -> RecipientBehaviour.NEVER_READS;
            default -> RecipientBehaviour.NORMAL;
        };
    }

    private void emit(AcceptedSend send, String status, boolean billed, MetaError error) {
        Business business = sim.registry.businessOf(send.number());
        if (business == null) {
            return;
        }
        ObjectNode item = Json.object();
        item.put("id", send.wamid());
        item.put("status", status);
        item.put("timestamp", WebhookPayloads.epoch(sim.now()));
        item.put("recipient_id", send.recipientId());
        if (send.group()) {
            item.put("recipient_type", "group");
        }
        if (send.bizOpaqueCallbackData() != null) {
            item.put("biz_opaque_callback_data", send.bizOpaqueCallbackData());
        }
        if (error != null) {
            item.putArray("errors").add(error.toWebhookError());
        } else if (billed) {
            String category = category(send);
            if (send.apiMajorVersion() <= 23) {
                ObjectNode conversation = item.putObject("conversation");
                conversation.put("id", sim.ids.hex(16));
                if (status.equals("sent")) {
                    conversation.put(
                            "expiration_timestamp",
                            WebhookPayloads.epoch(sim.now().plus(Conversations.WINDOW)));
                }
                conversation.putObject("origin").put("type", category);
            }
            ObjectNode pricing = item.putObject("pricing");
            boolean free = send.template() == null;
            pricing.put("billable", !free);
            pricing.put("pricing_model", "PMP");
            pricing.put("type", free ? "free_customer_service" : "regular");
            pricing.put("category", category);
        }
        ObjectNode value = WebhookPayloads.messagesValue(send.number());
        value.putArray("statuses").add(item);
        sim.webhooks.publish(business, WebhookPayloads.entry(business.wabaId, "messages", value));
    }

    private static String category(AcceptedSend send) {
        return send.template() == null ? "service" : send.template().category().toLowerCase(Locale.ROOT);
    }
}
