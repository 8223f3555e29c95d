package org.openchakra.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's own db-scheduler with {@link DeadExecutionWatch}: idle, it does not look for dead executions; a bulk
 * job's slice picked (announced through PostgreSQL and back) has it look until no execution is picked.
 */
class DeadExecutionChecksTest extends IntegrationTest {

    @Autowired
    DeadExecutionWatch watch;

    @Test
    void theServerLooksForDeadExecutionsOnlyWhileAJobRuns() {
        // Whatever ran before this test: once nothing is picked (a look every 2 heartbeats, 10 s), the looks stop.
        await().atMost(Duration.ofSeconds(40)).until(() -> !watch.armed());

        TestTeam team = newTeam();
        List<Object> items = IntStream.range(0, 200)
                .mapToObj(i -> (Object) obj("data", obj("name", "Watched " + i)))
                .toList();
        Reply accepted = api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), items);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(10))
                .until(watch::armed);

        String job = accepted.data().path("id").asString();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/v1/ext/background-job/" + job, team.adminToken())
                        .data()
                        .path("completionStatus")
                        .asString()
                        .equals("COMPLETED"));
        await().atMost(Duration.ofSeconds(40)).until(() -> !watch.armed());
    }
}
