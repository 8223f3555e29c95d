package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WABA management calls are budgeted per moving hour (spec 7, 80007); message sends are not. */
class ManagementRateTest extends SimulatorFixture {

    @Override
    SimulatorConfig.Builder config(SimulatorConfig.Builder builder) {
        return builder.wabaManagementCallsPerHour(3);
    }

    @Test
    void templateCallsPastTheHourlyBudgetAnswer80007() {
        String list = V + "/" + WABA + "/message_templates";
        assertThat(graph.get(list).status()).isEqualTo(200);
        assertThat(graph.get(V + "/" + WABA).status()).isEqualTo(200);
        GraphClient.Answer third = graph.get(list);
        assertThat(third.headers().firstValue("x-business-use-case-usage").orElseThrow())
                .contains("\"whatsapp_business_management\",\"call_count\":100");

        GraphClient.Answer limited = graph.get(list);
        assertThat(limited.status()).isEqualTo(400);
        assertThat(limited.error().path("message").asString()).isEqualTo("(#80007) Rate limit issues");
        assertThat(send(envelope("template", "{\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}"))
                        .status())
                .as("sends are not management calls")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(61));
        assertThat(graph.get(list).status()).isEqualTo(200);
    }
}
