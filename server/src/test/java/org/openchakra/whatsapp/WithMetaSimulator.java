package org.openchakra.whatsapp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.IntegrationTest;

/** An integration test with its own Meta simulator for the whole class, on loopback. */
public abstract class WithMetaSimulator extends IntegrationTest {

    protected static MetaSimulator meta;

    @BeforeAll
    static void startMeta() {
        meta = MetaSimulator.start(SimulatorConfig.builder().host("127.0.0.1").build());
    }

    @AfterAll
    static void stopMeta() {
        meta.close();
    }
}
