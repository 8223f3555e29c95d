package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delivery rules of spec 1.9 and 7: 24 h window, throughput, pair rate, test-number allow list. */
class DeliveryRulesTest extends SimulatorFixture {

    private static final String TEXT = envelope("text", "{\"body\": \"hello\"}");
    private static final String HELLO = envelope(
            "template",
            "{\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\", \"policy\": \"deterministic\"}}");

    @Test
    void freeFormOutsideTheWindowFailsSynchronouslyWith131047() {
        GraphClient.Answer answer = send(TEXT);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(131047);
        assertThat(answer.error().path("message").asString()).isEqualTo("(#131047) Re-engagement message");
        assertThat(send(HELLO).status())
                .as("templates are allowed outside the window")
                .isEqualTo(200);
    }

    @Test
    void inboundOpensTheWindowForTwentyFourHours() {
        openWindow();
        assertThat(send(TEXT).status()).isEqualTo(200);

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(send(TEXT).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        assertThat(send(TEXT).code()).isEqualTo(131047);
    }

    @Test
    void asyncWindowModeAcceptsThenSendsAFailedStatus() {
        sim.switches().windowErrorMode(WindowErrorMode.ASYNC);
        GraphClient.Answer answer = send(TEXT);
        assertThat(answer.status()).isEqualTo(200);
        String wamid = answer.json().path("messages").get(0).path("id").asString();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(wamid).contains("failed"));
        var failed = receiver.statusObject(wamid, "failed");
        assertThat(failed.path("errors").get(0).path("code").asInt()).isEqualTo(131047);
        assertThat(failed.path("errors")
                        .get(0)
                        .path("error_data")
                        .path("details")
                        .asString())
                .startsWith("Message failed to send because more than 24 hours have pass");
        assertThat(receiver.statusesOf(wamid)).containsExactly("failed");
    }

    @Test
    void throughputBucketAnswers130429OnceTheNumbersMpsIsSpent() {
        sim.switches().enforcePairRate(false);
        for (int i = 0; i < 80; i++) {
            assertThat(send(HELLO).status()).isEqualTo(200);
        }
        GraphClient.Answer limited = send(HELLO);
        assertThat(limited.status()).isEqualTo(400);
        assertThat(limited.error().path("message").asString()).isEqualTo("(#130429) Rate limit hit");
        assertThat(limited.error().path("error_data").path("details").asString())
                .isEqualTo("Cloud API message throughput has been reached.");

        sim.switches().rateLimitHttpStatus(429);
        assertThat(send(HELLO).status()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        assertThat(send(HELLO).status()).as("one second refills the bucket").isEqualTo(200);
    }

    @Test
    void pairRateAllowsABurstOf45ThenOneEverySixSeconds() {
        for (int i = 0; i < 45; i++) {
            clock.advance(Duration.ofMillis(20)); // stay under 80 mps
            assertThat(send(HELLO).status()).isEqualTo(200);
        }
        GraphClient.Answer limited = send(HELLO);
        assertThat(limited.code()).isEqualTo(131056);
        assertThat(limited.error().path("message").asString())
                .isEqualTo("(#131056) (Business Account, Consumer Account) pair rate limit hit");

        clock.advance(Duration.ofSeconds(6));
        assertThat(send(HELLO).status()).isEqualTo(200);
        assertThat(send(HELLO).code()).isEqualTo(131056);
    }

    @Test
    void testNumbersOnlyReachAllowListedRecipients() {
        String toStranger = "{\"messaging_product\": \"whatsapp\", \"to\": \"+4915112345678\", \"type\": \"template\","
                + " \"template\": {\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}}";
        GraphClient.Answer refused = graph.postJson(V + "/" + TEST_PNID + "/messages", toStranger);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().toString())
                .contains(
                        "\"message\":\"(#131030) Recipient phone number not in allowed list\"",
                        "\"details\":\"Recipient phone number not in allowed list: Add recipient phone number to recipient list"
                                + " and try again.\"");
        assertThat(graph.postJson(V + "/" + TEST_PNID + "/messages", HELLO).status())
                .isEqualTo(200);
    }

    @Test
    void windowEnforcementCanBeSwitchedOffForLoadTests() {
        sim.switches().enforceWindow(false);
        assertThat(send(TEXT).status()).isEqualTo(200);
    }
}
