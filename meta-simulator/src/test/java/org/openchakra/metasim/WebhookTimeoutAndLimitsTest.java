package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A slow receiver counts as a failure after the timeout; template creation limits; parallel webhook lanes. */
class WebhookTimeoutAndLimitsTest extends SimulatorFixture {

    @Override
    SimulatorConfig.Builder config(SimulatorConfig.Builder builder) {
        return builder.webhookTimeout(Duration.ofMillis(200)).webhookConcurrency(4);
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsRetried() {
        receiver.delayNext(Duration.ofMillis(600));
        openWindow();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> sim.webhookDeliveries().getFirst().outcome().equals("DELIVERED"));
        assertThat(sim.webhookDeliveries().getFirst().attempts()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void parallelLanesDeliverEverything() {
        for (int i = 0; i < 20; i++) {
            sim.injectInbound(PNID, InboundMessage.text("+1650555" + (1000 + i), "hi " + i));
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("messages").size() == 20);
        assertThat(receiver.received())
                .allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
    }

    @Test
    void atMost100TemplateCreationsPerHour() {
        sim.switches().templateReviewOutcome(TemplateReviewOutcome.STAY_PENDING);
        for (int i = 0; i < 100; i++) {
            GraphClient.Answer created = graph.postJson(
                    V + "/" + WABA + "/message_templates",
                    "{\"name\": \"t" + i
                            + "\", \"language\": \"en_US\", \"category\": \"UTILITY\", \"components\": [{\"type\": \"BODY\", \"text\":"
                            + " \"Hi\"}]}");
            assertThat(created.status()).as(created.text()).isEqualTo(200);
        }
        String next = "{\"name\": \"t100\", \"language\": \"en_US\", \"category\": \"UTILITY\", \"components\":"
                + " [{\"type\": \"BODY\", \"text\": \"Hi\"}]}";
        GraphClient.Answer limited = graph.postJson(V + "/" + WABA + "/message_templates", next);
        assertThat(limited.code()).isEqualTo(100);
        assertThat(limited.error().path("error_user_msg").asString()).contains("per hour");

        clock.advance(Duration.ofMinutes(61));
        assertThat(graph.postJson(V + "/" + WABA + "/message_templates", next).status())
                .isEqualTo(200);
    }
}
