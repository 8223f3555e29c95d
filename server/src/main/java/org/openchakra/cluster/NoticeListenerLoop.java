package org.openchakra.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.openchakra.common.BackgroundThread;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One platform thread per process holds a connection of its own (outside the pool, which it would hold
 * forever) that {@code LISTEN}s, and hands every notice to {@link ClusterNotices}. Idle, it blocks on the
 * socket. When the connection breaks it reconnects with a growing pause, then reports a gap.
 */
@Component
class NoticeListenerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NoticeListenerLoop.class);
    private static final int WAIT_MILLIS = 30_000;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final ClusterNotices notices;
    private final BackgroundThread thread = new BackgroundThread("cluster-notices");
    private volatile Connection connection;

    NoticeListenerLoop(DataSource dataSource, ClusterNotices notices) {
        this.dataSource = dataSource;
        this.notices = notices;
    }

    @Override
    public void start() {
        thread.start(this::run);
    }

    @Override
    public void stop() {
        if (thread.isRunning()) {
            thread.stop(Duration.ZERO);
            closeQuietly(connection);
        }
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }

    /** Early, so that listeners hear of changes before the web server takes requests. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (thread.isCurrent()) {
            try (Connection listening = connect()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + ClusterNotices.CHANNEL);
                }
                notices.gap();
                pause = FIRST_PAUSE;
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (thread.isCurrent()) {
                    PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
                    if (received == null || received.length == 0) {
                        // A quiet half minute: make sure the connection is still there (a cut network
                        // would otherwise leave this thread waiting for notices that can never come).
                        try (Statement statement = listening.createStatement()) {
                            statement.execute("SELECT 1");
                        }
                        continue;
                    }
                    for (PGNotification notification : received) {
                        notices.deliver(notification.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!thread.isCurrent()) {
                    return;
                }
                log.warn("Listening for notices failed ({}); reconnecting in {} ms", e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stopping) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            Properties credentials = new Properties();
            credentials.setProperty("user", hikari.getUsername());
            credentials.setProperty("password", hikari.getPassword());
            credentials.setProperty("ApplicationName", "openchakra-notices");
            credentials.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), credentials);
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // stopping anyway
            }
        }
    }
}
