package org.openchakra.db;

import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link JdbcClient} whose statements PostgreSQL plans with their values every time: they are never
 * prepared on the server (prepare threshold 0), so no generic plan is ever chosen for them. For statements
 * whose best plan depends on the values bound; planning each execution costs far less than one bad plan.
 * Same transaction handling as the shared {@link JdbcClient} (the connection bound to the current
 * transaction, if any).
 */
public final class CustomPlans {

    private CustomPlans() {}

    public static JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(new JdbcTemplate(dataSource) {
            @Override
            protected void applyStatementSettings(Statement stmt) throws SQLException {
                super.applyStatementSettings(stmt);
                stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
        });
    }
}
