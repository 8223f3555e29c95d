package org.openchakra.whatsapp.template;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.SandboxGraph;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The periodic template sync of whatsapp.md §4: every active WABA's cache is replaced with Meta's full
 * listing, catching what no answer or webhook told this server (templates made in Meta's tools, missed
 * status updates, deletions).
 *
 * <p>One server process syncs at a time: a PostgreSQL session advisory lock, held on one connection for
 * the run, is taken with {@code pg_try_advisory_lock}; a process that does not get it skips this round
 * (another is doing the work). The lock goes with the connection if the process dies.
 */
@Service
class TemplateSync {

    private static final Logger log = LoggerFactory.getLogger(TemplateSync.class);
    /** Any constant shared by all instances, distinct from the other advisory locks of the schema. */
    static final long LOCK_KEY = 0x0C4A7E3BL;

    /** What one round did: {@code ran} false when another process held the lock. */
    public record Round(boolean ran, int wabas, int failed) {}

    private final DataSource dataSource;
    private final PluginService plugins;
    private final PluginDirectory directory;
    private final TemplateRefresher refresher;
    private final SandboxGraph sandbox;
    private final WhatsappProperties props;

    public TemplateSync(
            DataSource dataSource,
            PluginService plugins,
            PluginDirectory directory,
            TemplateRefresher refresher,
            SandboxGraph sandbox,
            WhatsappProperties props) {
        this.dataSource = dataSource;
        this.plugins = plugins;
        this.directory = directory;
        this.refresher = refresher;
        this.sandbox = sandbox;
        this.props = props;
    }

    /** One round over every active WABA of every team, unless another process is running one. */
    public Round syncAll() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!call(lockHolder, "SELECT pg_try_advisory_lock(?)")) {
                log.debug("Template sync skipped: another server process holds the lock");
                return new Round(false, 0, 0);
            }
            try {
                return syncEveryWaba();
            } finally {
                call(lockHolder, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            log.warn("Template sync could not take its lock: {}", e.getMessage());
            return new Round(false, 0, 0);
        }
    }

    private Round syncEveryWaba() {
        int wabas = 0;
        int failed = 0;
        for (WhatsappPlugin.Mode mode : WhatsappPlugin.Mode.values()) {
            // A sandbox whose simulator this process has not started has nothing to list that the cache lacks, and
            // listing it would start it: an HTTP server and client that then wake an idle server ~100 times a
            // minute, from the first round (10 min after start) on (issue 15, idle).
            if (mode == WhatsappPlugin.Mode.SANDBOX && (!props.sandbox() || !sandbox.started())) {
                continue;
            }
            for (WhatsappPlugin plugin : plugins.listActive(mode)) {
                for (WhatsappPlugin.Waba waba : plugin.wabas()) {
                    wabas++;
                    try {
                        PluginDirectory.Resolved resolved = directory.active(plugin.teamId(), plugin.id());
                        refresher.refreshWaba(new WabaAccess(resolved, waba.id()));
                    } catch (RuntimeException e) {
                        // One WABA's revoked token or outage must not stop the others' sync.
                        failed++;
                        log.warn(
                                "Template sync of WABA {} (plugin {}) failed: {}",
                                waba.id(),
                                plugin.id(),
                                e.getMessage());
                    }
                }
            }
        }
        return new Round(true, wabas, failed);
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
