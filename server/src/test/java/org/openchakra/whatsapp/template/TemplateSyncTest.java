package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.TemplateSpec;
import org.openchakra.support.ApiClient;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The periodic sync (whatsapp.md §4), run by hand: it never runs by itself in tests. */
class TemplateSyncTest extends MetaSimulatorTest {

    private static final String BODY = "[{\"type\": \"BODY\", \"text\": \"Hello\"}]";

    @Autowired
    private TemplateSync sync;

    @Autowired
    private TemplateCache cache;

    @Autowired
    private DataSource dataSource;

    @Test
    void aRoundMakesEveryActiveWabasCacheSayWhatMetaSays() {
        Connected c = connect();
        meta.seedTemplate(c.wabaId(), TemplateSpec.approved("synced_one", "en_US", "UTILITY", BODY));
        meta.seedTemplate(
                c.wabaId(),
                TemplateSpec.approved("synced_two", "es", "UTILITY", BODY).withStatus("PAUSED"));
        // What Meta no longer has: the round removes it.
        cache.learn(c.team().id(), c.wabaId(), ApiClient.JSON.readTree("""
                {"id": "1", "name": "gone", "language": "en_US", "status": "APPROVED", "components": []}"""));

        TemplateSync.Round round = sync.syncAll();
        assertThat(round.ran()).isTrue();
        assertThat(round.wabas()).isGreaterThanOrEqualTo(1);
        assertThat(cache.find(c.team().id(), c.wabaId(), "synced_one", "en_US"))
                .map(CachedTemplate::status)
                .contains("APPROVED");
        assertThat(cache.find(c.team().id(), c.wabaId(), "synced_two", "es"))
                .map(CachedTemplate::status)
                .contains("PAUSED");
        assertThat(cache.find(c.team().id(), c.wabaId(), "gone", "en_US")).isEmpty();

        meta.setTemplateStatus(c.wabaId(), "synced_one", "en_US", "DISABLED", null);
        sync.syncAll();
        assertThat(cache.find(c.team().id(), c.wabaId(), "synced_one", "en_US"))
                .map(CachedTemplate::status)
                .contains("DISABLED");
    }

    @Test
    void aRoundIsSkippedWhileAnotherProcessHoldsTheLock() throws Exception {
        Connected c = connect();
        meta.seedTemplate(c.wabaId(), TemplateSpec.approved("locked_out", "en_US", "UTILITY", BODY));
        try (Connection other = dataSource.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, TemplateSync.LOCK_KEY);
                lock.execute();
            }
            TemplateSync.Round round = sync.syncAll();
            assertThat(round.ran()).isFalse();
            assertThat(cache.find(c.team().id(), c.wabaId(), "locked_out", "en_US"))
                    .isEmpty();
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, TemplateSync.LOCK_KEY);
                unlock.execute();
            }
        }
        assertThat(sync.syncAll().ran()).isTrue();
        assertThat(cache.find(c.team().id(), c.wabaId(), "locked_out", "en_US")).isPresent();
    }
}
