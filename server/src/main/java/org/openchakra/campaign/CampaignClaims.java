package org.openchakra.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.OutgoingMessage;
import org.openchakra.chat.PreRecordedMessages;
import org.openchakra.common.Uuids;
import org.openchakra.optout.OptOuts;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.process.Process;
import org.openchakra.process.ProcessService;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.templatemessage.PreparedTemplate;
import org.openchakra.whatsapp.templatemessage.ValueReferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch's claim, in one transaction that commits before any of it goes to Meta: the due recipients are
 * locked, those opted out are SKIPPED, those whose values cannot be filled FAILED (MAPPING), and each of the
 * others gets its step's attempt (SENDING) and its chat message (PENDING), the attempt's id in the message's
 * {@code biz_opaque_callback_data} so that Meta's statuses name it.
 */
@Component
class CampaignClaims {

    /** What Meta echoes in every status of a campaign message: this prefix and the attempt's id. */
    static final String OPAQUE_PREFIX = "oc-campaign:";

    private static final Logger log = LoggerFactory.getLogger(CampaignClaims.class);

    private final SendLedger ledger;
    private final PreRecordedMessages chat;
    private final OptOuts optOuts;
    private final ProcessService processes;
    private final ProcedureService procedures;
    private final TransactionTemplate tx;

    CampaignClaims(
            SendLedger ledger,
            PreRecordedMessages chat,
            OptOuts optOuts,
            ProcessService processes,
            ProcedureService procedures,
            TransactionTemplate tx) {
        this.ledger = ledger;
        this.chat = chat;
        this.optOuts = optOuts;
        this.processes = processes;
        this.procedures = procedures;
        this.tx = tx;
    }

    /** A message ready for Meta: its attempt, recipient, step, chat message, tries so far and body. */
    record ToSend(UUID attemptId, UUID recipientId, int stepIndex, UUID messageId, int tries, ObjectNode body) {}

    record Claimed(List<ToSend> sending) {}

    Claimed claim(Campaign campaign, CampaignSenders.Sender sender, int limit) {
        return tx.execute(status -> claimInTransaction(campaign, sender, limit));
    }

    private Claimed claimInTransaction(Campaign campaign, CampaignSenders.Sender sender, int limit) {
        List<SendLedger.Due> due = ledger.claimDue(campaign.id(), limit);
        if (due.isEmpty()) {
            return new Claimed(List.of());
        }
        Set<String> optedOut = optOuts.optedOut(
                campaign.teamId(), due.stream().map(SendLedger.Due::phone).toList());
        Map<UUID, Process> sources = processes.findAll(
                campaign.teamId(),
                due.stream()
                        .map(CampaignClaims::source)
                        .filter(id -> id != null)
                        .toList());
        List<UUID> skipped = new ArrayList<>();
        List<UUID> abandoned = new ArrayList<>();
        List<UUID> parked = new ArrayList<>();
        List<UUID> done = new ArrayList<>();
        List<SendLedger.Unsendable> unsendable = new ArrayList<>();
        List<SendLedger.Unsendable> noLead = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (SendLedger.Due d : due) {
            boolean retry = d.attemptStatus() != null;
            if (retry && !"RETRYING".equals(d.attemptStatus())) {
                // Never sent twice: a step whose attempt went out (or may have) is not claimed again.
                log.error(
                        "Campaign {}: recipient {} was due for step {}, whose attempt is {}; not sent",
                        campaign.id(),
                        d.recipientId(),
                        d.stepIndex(),
                        d.attemptStatus());
                parked.add(d.recipientId());
                continue;
            }
            if (optedOut.contains(d.phone())) {
                skipped.add(d.recipientId());
                if (retry) {
                    abandoned.add(d.attemptId());
                }
                continue;
            }
            UUID attemptId = retry ? d.attemptId() : Uuids.v7();
            if (d.stepIndex() >= sender.steps().size()) {
                done.add(d.recipientId());
                continue;
            }
            Process source = sources.get(source(d));
            if (source == null && source(d) != null) {
                noLead.add(new SendLedger.Unsendable(
                        attemptId, d.recipientId(), d.stepIndex(), "The recipient's lead no longer exists"));
                continue;
            }
            PreparedTemplate step = sender.steps().get(d.stepIndex());
            PreparedTemplate.Message message;
            try {
                message = step.build(d.phone(), RecipientValues.of(d.row(), references(source)));
            } catch (ApiException cannotFill) {
                unsendable.add(
                        new SendLedger.Unsendable(attemptId, d.recipientId(), d.stepIndex(), cannotFill.getMessage()));
                continue;
            }
            ObjectNode body = message.body();
            body.put("biz_opaque_callback_data", OPAQUE_PREFIX + attemptId);
            pending.add(new Pending(d, attemptId, retry, body, message.text(), step, source));
        }
        ledger.settle(skipped, Recipient.SKIPPED, Recipient.OPTED_OUT);
        ledger.settle(done, Recipient.COMPLETED, null);
        ledger.park(parked);
        List<UUID> unsentMessages = new ArrayList<>();
        unsentMessages.addAll(ledger.abandon(abandoned, "Not sent: the number opted out"));
        unsentMessages.addAll(ledger.failUnsent(
                campaign.teamId(), campaign.id(), unsendable, Recipient.MAPPING, CampaignRunner.worker()));
        unsentMessages.addAll(ledger.failUnsent(
                campaign.teamId(), campaign.id(), noLead, Recipient.NO_LEAD, CampaignRunner.worker()));
        chat.markFailed(unsentMessages.stream()
                .map(id -> new PreRecordedMessages.Failed(
                        campaign.teamId(), id, CampaignOutcomes.errors(null, "Not sent", "Not sent to this recipient")))
                .toList());
        return new Claimed(startSending(campaign, sender, pending));
    }

    private record Pending(
            SendLedger.Due due,
            UUID attemptId,
            boolean retry,
            ObjectNode body,
            String text,
            PreparedTemplate step,
            Process source) {}

    /** The chat messages (PENDING) of first tries, then every attempt SENDING. */
    private List<ToSend> startSending(Campaign campaign, CampaignSenders.Sender sender, List<Pending> pending) {
        List<OutgoingMessage> fresh = new ArrayList<>();
        for (Pending p : pending) {
            if (!p.retry()) {
                fresh.add(new OutgoingMessage(
                        campaign.teamId(),
                        sender.plugin().plugin().id(),
                        sender.from().id(),
                        p.due().phone(),
                        "template",
                        p.body(),
                        p.text(),
                        "PENDING",
                        null,
                        null,
                        OutgoingMessage.CAMPAIGN,
                        p.due().recipientId().toString(),
                        p.step().template().id(),
                        p.source() == null ? null : p.source().procedureId(),
                        p.source() == null ? null : p.source().id(),
                        null,
                        campaign.id(),
                        null,
                        null));
            }
        }
        List<ChatMessage> recorded = chat.recordPending(fresh);
        List<SendLedger.Sending> sending = new ArrayList<>();
        List<ToSend> toSend = new ArrayList<>();
        int next = 0;
        for (Pending p : pending) {
            UUID messageId =
                    p.retry() ? p.due().messageId() : recorded.get(next++).id();
            sending.add(new SendLedger.Sending(
                    p.attemptId(), p.due().recipientId(), p.due().stepIndex(), messageId, p.retry()));
            toSend.add(new ToSend(
                    p.attemptId(),
                    p.due().recipientId(),
                    p.due().stepIndex(),
                    messageId,
                    p.due().tries() + 1,
                    p.body()));
        }
        ledger.startSending(campaign.teamId(), campaign.id(), sending, CampaignRunner.worker());
        return toSend;
    }

    /** The process whose values the recipient's references read: the one it came from, else its lead. */
    private static UUID source(SendLedger.Due d) {
        return d.processId() != null ? d.processId() : d.leadId();
    }

    private ValueReferences references(Process source) {
        if (source == null) {
            return ValueReferences.none();
        }
        Procedure procedure =
                procedures.get(source.teamId(), source.procedureId().toString());
        return ValueReferences.process(procedure, source);
    }
}
