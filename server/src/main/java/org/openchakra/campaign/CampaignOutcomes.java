package org.openchakra.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.openchakra.chat.PreRecordedMessages;
import org.openchakra.whatsapp.meta.MetaError;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.openchakra.whatsapp.send.MessageSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What became of a campaign's sends (campaigns.md §3), recorded after Meta answered: SENT steps move their
 * recipients on; Meta's 130429, 131056, its 5xx answers, and a Meta that could not be reached at all are tried
 * again later (the message never went out); a refusal of the account or template (an expired token, a paused
 * template) pauses the campaign and keeps the step for later; any other refusal (131049, 131026, ...) fails
 * the recipient. A send that may have reached Meta without an answer (a timeout, a cut connection) is left
 * SENDING: Meta's statuses settle it, never a second send.
 */
@Component
class CampaignOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CampaignOutcomes.class);

    /** Meta refused the message for now: it did not go out and may be sent again (meta-cloud-api.md §2.3). */
    private static final Set<Integer> RETRY = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131057, 133004);
    /** Pair rate: Meta asks for 4^X seconds between tries (meta-cloud-api.md §7). */
    private static final int PAIR_RATE = 131056;
    /** The account, number or template cannot send at all until someone acts: the campaign pauses. */
    private static final Set<Integer> PAUSE =
            Set.of(0, 10, 190, 200, 368, 131005, 131031, 131042, 132001, 132015, 132016, 133010);

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final Duration MAX_PAIR_BACKOFF = Duration.ofMinutes(20);
    private static final int RECORD_TRIES = 3;

    private final MessageSender sender;
    private final SendLedger ledger;
    private final PreRecordedMessages chat;
    private final CampaignRepository campaigns;
    private final CampaignClock clock;
    private final CampaignProperties props;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    CampaignOutcomes(
            MessageSender sender,
            SendLedger ledger,
            PreRecordedMessages chat,
            CampaignRepository campaigns,
            CampaignClock clock,
            CampaignProperties props,
            TransactionTemplate tx,
            JdbcClient jdbc) {
        this.sender = sender;
        this.ledger = ledger;
        this.chat = chat;
        this.campaigns = campaigns;
        this.clock = clock;
        this.props = props;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    enum Kind {
        ACCEPTED,
        RETRY,
        PAUSE,
        FAILED,
        UNKNOWN
    }

    /** One send's outcome: the wamid when accepted; the error and, for a retry, when to try again. */
    record Outcome(
            CampaignClaims.ToSend message,
            Kind kind,
            String wamid,
            Integer code,
            String title,
            JsonNode errors,
            Duration delay) {}

    /** Hands one message to Meta and says what became of it; never throws. */
    Outcome send(CampaignSenders.Sender from, CampaignClaims.ToSend message) {
        MetaReply reply;
        try {
            reply = sender.sendPrepared(from.plugin(), from.from(), message.body());
        } catch (MetaUnavailableException e) {
            if (e.neverSent()) {
                return retry(
                        message,
                        e.status().value(),
                        e.getMessage(),
                        errors(e.status().value(), "Meta unreachable", e.getMessage()));
            }
            return new Outcome(message, Kind.UNKNOWN, null, null, e.getMessage(), null, null);
        } catch (RuntimeException e) {
            log.error("Campaign send of attempt {} failed before Meta answered", message.attemptId(), e);
            return new Outcome(message, Kind.UNKNOWN, null, null, e.getMessage(), null, null);
        }
        if (reply.ok()) {
            String wamid = reply.json().path("messages").path(0).path("id").asString(null);
            return wamid == null
                    ? new Outcome(
                            message, Kind.UNKNOWN, null, null, "Meta accepted it without a message id", null, null)
                    : new Outcome(message, Kind.ACCEPTED, wamid, null, null, null, null);
        }
        MetaError error = reply.error().orElse(null);
        int code = error != null ? error.code() : reply.status();
        String title = error != null && error.title() != null ? error.title() : "Meta answered HTTP " + reply.status();
        JsonNode errors =
                error != null ? JsonNodeFactory.instance.arrayNode().add(error.raw()) : errors(code, title, title);
        if (PAUSE.contains(code)) {
            return new Outcome(message, Kind.PAUSE, null, code, title, errors, Duration.ZERO);
        }
        if (RETRY.contains(code) || code == PAIR_RATE || (error == null && reply.status() >= 500)) {
            return retry(message, code, title, errors);
        }
        return new Outcome(message, Kind.FAILED, null, code, title, errors, null);
    }

    private Outcome retry(CampaignClaims.ToSend message, int code, String title, JsonNode errors) {
        if (message.tries() >= props.maxTries()) {
            return new Outcome(message, Kind.FAILED, null, code, title, errors, null);
        }
        return new Outcome(message, Kind.RETRY, null, code, title, errors, backoff(code, message.tries()));
    }

    /** 131056: 4^(tries-1) s as Meta asks; anything else doubling from 1 s to a minute, with jitter. */
    static Duration backoff(int code, int tries) {
        if (code == PAIR_RATE) {
            long seconds = (long) Math.pow(4, Math.min(tries - 1, 10));
            return Duration.ofSeconds(Math.min(seconds, MAX_PAIR_BACKOFF.toSeconds()));
        }
        long millis = Math.min(1000L << Math.min(tries - 1, 16), MAX_BACKOFF.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (millis * jitter));
    }

    /**
     * Records a batch's outcomes in one transaction (committed without waiting for its WAL flush: an outcome
     * lost in a crash leaves its attempt SENDING, which Meta's statuses or the deadline settle, never a resend).
     */
    void record(Campaign campaign, List<Outcome> outcomes) {
        List<Outcome> unknown =
                outcomes.stream().filter(o -> o.kind() == Kind.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            log.warn(
                    "Campaign {}: {} of {} sends got no answer from Meta ({}); they stay SENDING, never sent again,"
                            + " until Meta's statuses settle them or they fail as UNKNOWN_OUTCOME after {}",
                    campaign.id(),
                    unknown.size(),
                    outcomes.size(),
                    unknown.getFirst().title(),
                    props.unknownOutcomeAfter());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> recordInTransaction(campaign, outcomes));
                return;
            } catch (RuntimeException e) {
                if (attempt >= RECORD_TRIES) {
                    log.error(
                            "Campaign {}: {} outcomes could not be recorded; their attempts stay SENDING until"
                                    + " Meta's statuses settle them",
                            campaign.id(),
                            outcomes.size(),
                            e);
                    return;
                }
                sleep(200L * attempt);
            }
        }
    }

    private void recordInTransaction(Campaign campaign, List<Outcome> outcomes) {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                .query(String.class)
                .single();
        List<SendLedger.Accepted> accepted = new ArrayList<>();
        List<SendLedger.Retry> retries = new ArrayList<>();
        List<SendLedger.Failure> failures = new ArrayList<>();
        List<Outcome> failed = new ArrayList<>();
        String pauseReason = null;
        for (Outcome o : outcomes) {
            UUID attempt = o.message().attemptId();
            switch (o.kind()) {
                case ACCEPTED -> accepted.add(new SendLedger.Accepted(attempt, o.wamid()));
                case RETRY -> retries.add(new SendLedger.Retry(attempt, o.code(), o.title(), o.delay()));
                case PAUSE -> {
                    retries.add(new SendLedger.Retry(attempt, o.code(), o.title(), Duration.ZERO));
                    pauseReason = "Meta refused a send: (#" + o.code() + ") " + o.title();
                }
                case FAILED -> {
                    failures.add(new SendLedger.Failure(attempt, o.code(), o.title()));
                    failed.add(o);
                }
                case UNKNOWN -> {
                    // Left SENDING: it may have reached Meta.
                }
            }
        }
        settleAccepted(accepted, null, SendLedger.BY_ANSWER);
        ledger.markRetrying(retries).ifPresent(clock::dueAt);
        List<SendLedger.Settled> marked =
                ledger.markFailed(failures, "SENDING", "FAILED", Recipient.META_ERROR, SendLedger.BY_ANSWER);
        List<PreRecordedMessages.Failed> messages = new ArrayList<>();
        for (SendLedger.Settled s : marked) {
            failed.stream()
                    .filter(o -> o.message().attemptId().equals(s.attemptId()))
                    .findFirst()
                    .ifPresent(
                            o -> messages.add(new PreRecordedMessages.Failed(s.teamId(), s.messageId(), o.errors())));
        }
        chat.markFailed(messages);
        if (pauseReason != null && campaigns.pauseRunning(campaign.id(), pauseReason)) {
            log.warn("Campaign {} paused: {}", campaign.id(), pauseReason);
        }
    }

    /**
     * Attempts Meta accepted: SENT, their messages SENT with the wamid, their recipients on to the next step (the
     * campaign clock told when it is due). {@code teamId} limits them to one team's (null: the runner's own
     * attempts); {@code by} says who knows (the runner from Meta's answer, or a status webhook). Answers those this
     * call settled.
     */
    List<SendLedger.Settled> settleAccepted(List<SendLedger.Accepted> accepted, UUID teamId, String by) {
        List<SendLedger.Settled> sent = ledger.markSent(accepted, teamId, by);
        chat.markSent(sent.stream()
                .map(s -> new PreRecordedMessages.Sent(s.teamId(), s.messageId(), s.wamid()))
                .toList());
        ledger.advance(sent).ifPresent(clock::dueAt);
        return sent;
    }

    /** Error objects for a chat message, in Meta's shape, for failures Meta did not describe itself. */
    static ArrayNode errors(Integer code, String title, String message) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        ObjectNode error = errors.addObject();
        if (code != null) {
            error.put("code", code);
        }
        error.put("title", title);
        error.put("message", message);
        return errors;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
