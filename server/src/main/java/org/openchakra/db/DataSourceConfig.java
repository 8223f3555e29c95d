package org.openchakra.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.openchakra.OpenChakraApplication;
import org.openchakra.OpenChakraProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The one database: an external PostgreSQL when {@code OPENCHAKRA_DATABASE_URL} is set, otherwise
 * the embedded one under the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceConfig {

    /** Null when an external database is configured. Destroyed after the pool that uses it. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer.Lease embeddedPostgres(OpenChakraProperties props, Environment env) {
        if (props.database().isExternal()) {
            return null;
        }
        boolean oneShotCommand = env.acceptsProfiles(Profiles.of(OpenChakraApplication.ONE_SHOT_COMMAND));
        return EmbeddedPostgresServer.lease(props.dataDir(), oneShotCommand);
    }

    /** Depends on the embedded database so that the pool closes before the database stops. */
    @Bean(destroyMethod = "close")
    @DependsOn("embeddedPostgres")
    DataSource dataSource(OpenChakraProperties props, ObjectProvider<EmbeddedPostgresServer.Lease> embedded) {
        HikariConfig config = new HikariConfig();
        OpenChakraProperties.Database db = props.database();
        if (db.isExternal()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
        } else {
            EmbeddedPostgresServer.Lease lease = embedded.getObject();
            config.setJdbcUrl(lease.jdbcUrl());
            config.setUsername(lease.user());
            config.setPassword(lease.password());
            // Our own PostgreSQL over loopback: nothing between them drops an idle connection, so no keepalive
            // round trips (Hikari's default: each idle connection every 2 min, 20 of them, woke an idle server's
            // database ten times a minute; docs/decisions.md, "An idle server keeps still").
            config.setKeepaliveTime(0);
        }
        config.setPoolName("openchakra");
        config.setMaximumPoolSize(db.poolSize());
        config.setConnectionTimeout(10_000);
        // No plan_cache_mode here: forcing custom plans on every connection made PostgreSQL plan the token
        // lookup and the rate-limit statements afresh on each request. The list query, whose plan depends
        // on its values, is planned with them on each execution by ProcessRepository instead.
        return new HikariDataSource(config);
    }
}
