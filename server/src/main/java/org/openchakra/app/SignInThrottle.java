package org.openchakra.app;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * inbox.md §1: after 5 failed sign-ins in 15 minutes ({@link AppProperties}), a login (what was typed as the
 * email) and, separately, an address must wait until the oldest of those failures leaves the window.
 * Failures are rows in PostgreSQL, so every instance counts the same ones.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final AppProperties props;

    SignInThrottle(JdbcClient jdbc, AppProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** How long the login or the address must still wait, if either must. */
    Optional<Duration> wait(String login, String address) {
        Long seconds = jdbc.sql("SELECT ceil(extract(epoch FROM max(w.until) - now()))::bigint FROM ("
                        + "  SELECT min(f.failed_at) + make_interval(secs => :window) AS until FROM ("
                        + "    SELECT failed_at FROM app_sign_in_failure WHERE key = :key"
                        + "      AND failed_at > now() - make_interval(secs => :window)"
                        + "    ORDER BY failed_at DESC LIMIT :max) f HAVING count(*) >= :max"
                        + "  UNION ALL"
                        + "  SELECT min(f.failed_at) + make_interval(secs => :window) FROM ("
                        + "    SELECT failed_at FROM app_sign_in_failure WHERE key = :address"
                        + "      AND failed_at > now() - make_interval(secs => :window)"
                        + "    ORDER BY failed_at DESC LIMIT :perAddress) f HAVING count(*) >= :perAddress) w")
                .param("key", loginKey(login))
                .param("address", addressKey(address))
                .param("window", (double) props.signInWindow().toSeconds())
                .param("max", props.signInMaxFailures())
                .param("perAddress", props.signInMaxFailuresPerAddress())
                .query(Long.class)
                .optional()
                .orElse(null);
        return seconds == null || seconds <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    void failed(String login, String address) {
        jdbc.sql("INSERT INTO app_sign_in_failure (key) VALUES (:login), (:address)")
                .param("login", loginKey(login))
                .param("address", addressKey(address))
                .update();
        // Old rows are of no use to anyone: each failure clears what has left the window.
        jdbc.sql("DELETE FROM app_sign_in_failure WHERE failed_at < now() - make_interval(secs => :window)")
                .param("window", (double) props.signInWindow().toSeconds())
                .update();
    }

    /** A successful sign-in forgives the login's failures (not the address's: that one may be guessing). */
    void succeeded(String login) {
        jdbc.sql("DELETE FROM app_sign_in_failure WHERE key = :key")
                .param("key", loginKey(login))
                .update();
    }

    private static String loginKey(String login) {
        return "login:" + (login == null ? "" : login.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
