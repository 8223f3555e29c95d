package org.openchakra.blob;

import javax.sql.DataSource;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The database backend, on the test server's PostgreSQL (its schema made by the same migrations). */
class PostgresBlobBackendTest extends IntegrationTest implements BlobBackendContract {

    @Autowired
    DataSource dataSource;

    @Override
    public BlobBackend backend() {
        return new PostgresBlobBackend(dataSource);
    }
}
