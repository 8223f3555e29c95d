package org.openchakra.metasim;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh simulator per test with one WABA, a production number, a test number, a webhook receiver and a
 * manual clock, so every test replays the same timeline.
 */
abstract class SimulatorFixture {

    static final String WABA = "102290129340398";
    static final String PNID = "106540352242922";
    static final String DISPLAY = "+1 555-078-3881";
    static final String TEST_PNID = "106540352242999";
    static final String TOKEN = "EAAJB-test.token_1";
    static final String APP_SECRET = "b63bb356dff0f1c2";
    static final String VERIFY_TOKEN = "vibecoding";
    static final String USER = "+16505551234";
    static final String USER_WA = "16505551234";
    static final String V = "/v23.0";

    MutableClock clock;
    MetaSimulator sim;
    WebhookReceiver receiver;
    GraphClient graph;

    /** Subclasses may tweak the configuration before start. */
    SimulatorConfig.Builder config(SimulatorConfig.Builder builder) {
        return builder;
    }

    @BeforeEach
    void startSimulator() throws IOException {
        clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
        receiver = new WebhookReceiver(APP_SECRET, VERIFY_TOKEN);
        sim = MetaSimulator.start(config(SimulatorConfig.builder()
                        .clock(clock)
                        .seed(7)
                        .statusDelays(Duration.ofMillis(2), Duration.ofMillis(8), Duration.ofMillis(14))
                        .templateReviewDelay(Duration.ofMillis(30)))
                .build());
        sim.registerBusiness(BusinessAccountSpec.builder(WABA)
                .accessToken(TOKEN)
                .appSecret(APP_SECRET)
                .webhookUrl(receiver.url())
                .verifyToken(VERIFY_TOKEN)
                .phoneNumber(PNID, DISPLAY)
                .phoneNumber(PhoneNumberSpec.testNumber(TEST_PNID, "15550001111", List.of(USER)))
                .build());
        sim.seedSandboxTemplates(WABA);
        graph = new GraphClient(sim.baseUrl(), TOKEN);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
        receiver.close();
    }

    /** The user writes first, which opens the 24-hour window for free-form messages. */
    String openWindow() {
        return sim.injectInbound(PNID, InboundMessage.text(USER, "hi"));
    }

    GraphClient.Answer send(String json) {
        return graph.postJson(V + "/" + PNID + "/messages", json);
    }

    static String envelope(String type, String content) {
        return "{\"messaging_product\": \"whatsapp\", \"recipient_type\": \"individual\", \"to\": \"" + USER
                + "\", \"type\": \"" + type + "\", \"" + type + "\": " + content + "}";
    }
}
