package org.openchakra.campaign;

import java.util.List;
import java.util.UUID;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.common.TransactionMemo;
import org.openchakra.inbound.InboundListener;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What Meta tells about campaign messages and their recipients, applied in the transaction that processes
 * Meta's notification (campaigns.md §3):
 *
 * <ul>
 *   <li>a status whose wamid names no message but whose {@code biz_opaque_callback_data} names an attempt still
 *       SENDING (its sender died before recording Meta's answer, or has not recorded it yet) or UNKNOWN (given up
 *       on) settles it: the message went out, under that wamid;
 *   <li>a {@code failed} status fails the recipient (131049, 131026, ...), the error kept for the report;
 *   <li>a customer's message stops their active enrollments in drip campaigns of that number that stop on reply.
 * </ul>
 */
@Component
class CampaignReplies implements InboundListener {

    private final SendLedger ledger;
    private final CampaignOutcomes outcomes;
    private final RecipientRepository recipients;
    private final TransactionMemo<String, Boolean> stopsOnReply = new TransactionMemo<>();

    CampaignReplies(SendLedger ledger, CampaignOutcomes outcomes, RecipientRepository recipients) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.recipients = recipients;
    }

    /**
     * The attempt is SENT under this wamid, unless the runner holds it right now: then the status waits, as any
     * status that comes before its message does, and the runner's record gives the message its wamid.
     */
    @Override
    public boolean statusForUnknownMessage(WhatsappPlugin plugin, JsonNode status) {
        UUID attempt = attemptOf(status);
        String wamid = status.path("id").asString("");
        if (attempt == null || wamid.isEmpty()) {
            return false;
        }
        return !outcomes.settleAccepted(
                        List.of(new SendLedger.Accepted(attempt, wamid)), plugin.teamId(), SendLedger.BY_STATUS)
                .isEmpty();
    }

    @Override
    public void statusReceived(WhatsappPlugin plugin, JsonNode status) {
        if (!"failed".equals(status.path("status").asString(""))) {
            return;
        }
        UUID attempt = attemptOf(status);
        if (attempt == null) {
            return;
        }
        JsonNode error = status.path("errors").path(0);
        Integer code = error.path("code").isNumber() ? error.path("code").asInt() : null;
        String message = error.path("title").asString(error.path("message").asString("Delivery failed"));
        ledger.failRecipients(ledger.deliveryFailed(plugin.teamId(), attempt, code, message), Recipient.META_ERROR);
    }

    /**
     * Most teams have no drip campaign that stops on reply: whether a sender number has one is asked once per
     * transaction (a batch of notifications), not with an update for every inbound message. A campaign that starts
     * while the batch runs counts from the next batch on, as if it had started after the batch: every message of the
     * batch was received (stored) before the batch began.
     */
    @Override
    public void messageReceived(WhatsappPlugin plugin, Chat chat, ChatMessage message) {
        UUID team = plugin.teamId();
        String number = chat.whatsappPhoneNumberId();
        if (stopsOnReply.get(team + " " + number, () -> recipients.anyStopsOnReply(team, number))) {
            recipients.stopOnReply(team, number, message.contactIdentifier());
        }
    }

    /** The attempt a campaign message's status names in {@code biz_opaque_callback_data}, or null. */
    private static UUID attemptOf(JsonNode status) {
        String opaque = status.path("biz_opaque_callback_data").asString("");
        if (!opaque.startsWith(CampaignClaims.OPAQUE_PREFIX)) {
            return null;
        }
        try {
            return UUID.fromString(opaque.substring(CampaignClaims.OPAQUE_PREFIX.length()));
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
