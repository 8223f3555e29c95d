package org.openchakra.metasim;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A running fake of Meta's Graph API for WhatsApp (meta-cloud-api.md section 8): start it, register a WABA with
 * its numbers, tokens and webhook receiver, then point a Cloud API client at {@link #baseUrl()}.
 *
 * <pre>{@code
 * try (MetaSimulator sim = MetaSimulator.start(SimulatorConfig.builder().build())) {
 *   sim.registerBusiness(BusinessAccountSpec.builder("102290129340398")
 *       .accessToken("EAAB-test").appSecret("secret").webhookUrl("http://127.0.0.1:8080/webhooks/meta")
 *       .phoneNumber("106540352242922", "15550783881").build());
 *   sim.seedSandboxTemplates("102290129340398");
 *   // POST sim.baseUrl() + "/v23.0/106540352242922/messages" ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Every control method may be called while requests are in flight.
 */
public final class MetaSimulator implements AutoCloseable {

    private final Simulation sim;
    private final GraphServer server;
    private final TemplateService templates;
    private final StatusTimeline timeline;
    private final InboundService inbound;
    private final GroupService groups;
    private final CallingService calling;
    private final GraphApi api;

    private MetaSimulator(SimulatorConfig config) {
        this.sim = new Simulation(config);
        this.templates = new TemplateService(sim);
        this.timeline = new StatusTimeline(sim);
        this.inbound = new InboundService(sim);
        this.groups = new GroupService(sim);
        this.calling = new CallingService(sim);
        this.api =
                new GraphApi(sim, new MessageService(sim, timeline), templates, new MediaService(sim), groups, calling);
        this.server = new GraphServer(config.host(), config.port(), api);
    }

    /** Binds the port and starts serving. */
    public static MetaSimulator start(SimulatorConfig config) {
        MetaSimulator simulator = new MetaSimulator(config);
        simulator.server.start();
        simulator.sim.baseUrl(simulator.server.baseUrl());
        return simulator;
    }

    /** Starts with defaults: 127.0.0.1, a random port, the system clock. */
    public static MetaSimulator start() {
        return start(SimulatorConfig.builder().build());
    }

    /** E.g. {@code http://127.0.0.1:41234}; a client appends {@code /v23.0/...}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    /** Serves the {@code /_sim/...} control API (off unless enabled; {@link Main} enables it). */
    public MetaSimulator enableControlApi() {
        api.control(new ControlApi(this));
        return this;
    }

    // ---- accounts -------------------------------------------------------------------------------------------

    /** Registers (or updates) a WABA with its numbers, tokens and webhook receiver. */
    public void registerBusiness(BusinessAccountSpec spec) {
        sim.registry.register(spec);
    }

    public void addAccessToken(String token, String wabaId) {
        sim.registry.requireBusiness(wabaId);
        sim.registry.addToken(token, wabaId);
    }

    /** Later calls with this token answer 190 with subcode 463 (expired). */
    public void expireAccessToken(String token) {
        sim.registry.expireToken(token);
    }

    /** Changes where (and how signed) the WABA's webhooks go; null token/secret keep the current ones. */
    public void setWebhook(String wabaId, String url, String verifyToken, String appSecret) {
        sim.registry.requireBusiness(wabaId).webhook(url, verifyToken, appSecret);
    }

    /** Runs Meta's GET verification handshake against the WABA's callback URL (spec 6.1). */
    public VerificationResult verifyWebhook(String wabaId) {
        return sim.webhooks.verify(sim.registry.requireBusiness(wabaId));
    }

    // ---- templates ------------------------------------------------------------------------------------------

    /** Seeds a template directly; returns its id. A PENDING seed goes through the async review. */
    public String seedTemplate(String wabaId, TemplateSpec spec) {
        sim.registry.requireBusiness(wabaId);
        return templates.seed(wabaId, spec);
    }

    /** Seeds the four sandbox templates of {@link SandboxTemplates}; returns their ids. */
    public List<String> seedSandboxTemplates(String wabaId) {
        return SandboxTemplates.all().stream().map(t -> seedTemplate(wabaId, t)).toList();
    }

    /** Moves a template to a status (PAUSED, DISABLED, APPROVED, REJECTED, ...) and sends the status webhook. */
    public void setTemplateStatus(String wabaId, String name, String language, String status, String reason) {
        Template template = sim.templates
                .find(wabaId, name, language)
                .orElseThrow(() -> new IllegalArgumentException("unknown template " + name + "/" + language));
        templates.setStatus(template, status, reason);
    }

    public Optional<String> templateStatus(String wabaId, String name, String language) {
        return sim.templates.find(wabaId, name, language).map(Template::status);
    }

    // ---- behaviour ------------------------------------------------------------------------------------------

    /** The live switches; changes apply to the next request. */
    public Switches switches() {
        return sim.switches;
    }

    public Clock clock() {
        return sim.clock;
    }

    /** The next {@code count} calls to {@code route} answer {@code error} (use {@link Route#ANY} for any route). */
    public void failNext(Route route, int count, MetaError error) {
        sim.faults.failNext(route, count, error);
    }

    /** Convenience: the next {@code count} calls to {@code route} fail with this code's table entry. */
    public void failNext(Route route, int count, int code) {
        failNext(route, count, MetaError.of(code));
    }

    /** Simulates an outage until {@link #up()}. */
    public void down(DownMode mode) {
        if (mode == DownMode.CONNECTION_REFUSED) {
            server.stopListening();
        } else {
            sim.faults.down(mode);
        }
    }

    /** Ends an outage and drops queued injected errors. */
    public void up() {
        sim.faults.clear();
        server.start();
    }

    /** How a given user's phone treats what it receives (status webhooks). */
    public void recipientBehaviour(String waId, RecipientBehaviour behaviour) {
        timeline.behaviour(waId, behaviour);
    }

    /**
     * The next message the number sends the user (whatever its type) ends in {@code status}: {@code sent} (never
     * delivered), {@code delivered} (never read), {@code read}, or {@code failed} with Meta's error
     * {@code errorCode} (e.g. 131026 undeliverable, 131049 marketing limit). Called again, the outcomes apply to
     * the messages after it, in order; then the user's {@link RecipientBehaviour} applies again.
     */
    public void nextStatus(String phoneNumberId, String waId, String status, Integer errorCode) {
        sim.registry.requireNumber(phoneNumberId);
        switch (status) {
            case "failed" -> {
                if (errorCode == null || errorCode <= 0) {
                    throw new IllegalArgumentException("a failed status needs a positive error code");
                }
                timeline.next(phoneNumberId, waId, new StatusTimeline.Outcome(status, MetaError.of(errorCode)));
            }
            case "sent", "delivered", "read" ->
                timeline.next(phoneNumberId, waId, new StatusTimeline.Outcome(status, null));
            default -> throw new IllegalArgumentException("status must be sent, delivered, read or failed");
        }
    }

    /** Media links starting with this prefix are unreachable: sends that use them get a failed 131053 status. */
    public void breakMediaLinks(String urlPrefix) {
        sim.brokenLinkPrefixes.add(urlPrefix);
    }

    public void repairMediaLinks() {
        sim.brokenLinkPrefixes.clear();
    }

    // ---- simulated users --------------------------------------------------------------------------------------

    /** A user sends a message to the number: a signed {@code messages} webhook follows; opens the 24 h window. */
    public String injectInbound(String phoneNumberId, InboundMessage message) {
        return inbound.inject(sim.registry.requireNumber(phoneNumberId), message);
    }

    /**
     * A user calls the number: a {@code calls} webhook ({@code connect}); opens the 24 h window. WhatsApp offers
     * users a call only to numbers with calling enabled ({@code POST /{pnid}/settings}): IllegalStateException
     * otherwise.
     */
    public String injectInboundCall(String phoneNumberId, String fromWaId, String sdpOffer) {
        return calling.inboundCall(sim.registry.requireNumber(phoneNumberId), fromWaId, sdpOffer);
    }

    /**
     * The user wrote to the number at {@code at} through another copy of this simulator (a server process
     * runs one copy each in sandbox mode): opens the 24 h window from then, unless a later message has.
     * No webhook follows; the copy that received the message sent it.
     */
    public void customerWroteAt(String phoneNumberId, String waId, Instant at) {
        sim.conversations.openWindow(sim.registry.requireNumber(phoneNumberId).id, PhoneNumbers.digits(waId), at);
    }

    /** The user allows the business to call them (needed by {@code action: connect}, else 138006). */
    public void grantCallPermission(String phoneNumberId, String waId) {
        callPermission(phoneNumberId, waId, true);
    }

    /** The user allows calls ({@code call_permissions} answers {@code granted}) or not ({@code denied}). */
    public void callPermission(String phoneNumberId, String waId, boolean granted) {
        sim.registry.requireNumber(phoneNumberId);
        if (granted) {
            sim.calls.grant(phoneNumberId, PhoneNumbers.digits(waId));
        } else {
            sim.calls.revoke(phoneNumberId, PhoneNumbers.digits(waId));
        }
    }

    /** A user opens a group's invite link; returns the join request id for approval-required groups, else null. */
    public String joinGroup(String groupId, String waId) {
        return groups.join(groupId, waId);
    }

    // ---- observation ----------------------------------------------------------------------------------------

    /** Accepted message requests, newest first. */
    public List<OutboxEntry> outbox() {
        return sim.outbox.messages();
    }

    /** Accepted message requests of one number, newest first. */
    public List<OutboxEntry> outbox(String phoneNumberId) {
        return sim.outbox.messages().stream()
                .filter(e -> e.phoneNumberId().equals(phoneNumberId))
                .toList();
    }

    /** Every message one number sent since the start (or the last {@link #clearOutbox}), counted per recipient. */
    public SendTally sendTally(String phoneNumberId) {
        return sendTally(phoneNumberId, "");
    }

    /** {@link #sendTally(String)} of the recipients whose {@code wa_id} starts with {@code waIdPrefix}. */
    public SendTally sendTally(String phoneNumberId, String waIdPrefix) {
        return sim.outbox.tally(phoneNumberId, waIdPrefix);
    }

    /** Accepted mark-as-read calls, newest first. */
    public List<ReadReceipt> readReceipts() {
        return sim.outbox.reads();
    }

    public void clearOutbox() {
        sim.outbox.clear();
    }

    /** Webhook POSTs made so far, oldest first (bounded to the last 10,000). */
    public List<WebhookDelivery> webhookDeliveries() {
        return sim.webhooks.log();
    }

    @Override
    public void close() {
        server.close();
        sim.close();
    }
}
