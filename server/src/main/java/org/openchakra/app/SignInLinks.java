package org.openchakra.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.apikey.TokenSecrets;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time sign-in links (inbox.md §1): valid {@link #LIFETIME}, they open the "choose your password" page,
 * and choosing one spends the link. The token is 256 random bits, shown once; only its SHA-256 is stored. The
 * token travels in the query string, which the access log never writes.
 */
@Service
public class SignInLinks {

    static final Duration LIFETIME = Duration.ofHours(24);
    static final String TOKEN_PREFIX = "ocl_";
    /** The page a link opens; the token is its {@code link} parameter. */
    public static final String PAGE = "/app/password";

    /** A link as handed out. */
    public record Issued(String url, Instant expiresAt) {}

    /** A link that can still be spent, and whose it is. */
    record Open(UUID id, UUID teamId, UUID userId, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final AppUsers users;
    private final Passwords passwords;

    SignInLinks(JdbcClient jdbc, AppUsers users, Passwords passwords) {
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
    }

    /**
     * A new link for the team's user (active or not: a deactivated user cannot sign in until reactivated);
     * empty when the team has no such user. Earlier links stay valid until used or expired.
     */
    @Transactional
    public Optional<Issued> issue(UUID teamId, UUID userId, String baseUrl) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE team_id = :team AND id = :id"
                        + " AND NOT is_deleted)")
                .param("team", teamId)
                .param("id", userId)
                .query(Boolean.class)
                .single();
        if (!exists) {
            return Optional.empty();
        }
        String token = TokenSecrets.newToken(TOKEN_PREFIX);
        Instant expiresAt = jdbc.sql("INSERT INTO app_sign_in_link (team_id, user_id, token_hash, expires_at)"
                        + " VALUES (:team, :user, :hash, now() + make_interval(secs => :life)) RETURNING expires_at")
                .param("team", teamId)
                .param("user", userId)
                .param("hash", TokenSecrets.hash(token))
                .param("life", (double) LIFETIME.toSeconds())
                .query((rs, n) -> Rows.instant(rs, "expires_at"))
                .single();
        return Optional.of(new Issued(baseUrl + PAGE + "?link=" + token, expiresAt));
    }

    /** A link by the user's primary email (or username) in a team, for the command line. */
    public Optional<Issued> issueForLogin(UUID teamId, String login, String baseUrl) {
        return users.userIdByLogin(teamId, login).flatMap(userId -> issue(teamId, userId, baseUrl));
    }

    /** The link if it exists, is unused and has not expired (judged by the database's clock). */
    Optional<Open> open(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, team_id, user_id, expires_at FROM app_sign_in_link WHERE token_hash = :hash"
                        + " AND used_at IS NULL AND expires_at > now()")
                .param("hash", TokenSecrets.hash(token))
                .query((rs, n) -> new Open(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        Rows.instant(rs, "expires_at")))
                .optional();
    }

    /**
     * Sets the password and spends the link, under a lock on it: two submissions of one link set one
     * password. Empty when the link is spent, expired or unknown, or its user cannot sign in (then the
     * link stays unspent, for when the user is active again).
     */
    @Transactional
    Optional<AppUser> spend(String token, String password) {
        Optional<Open> link = open(token);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Optional<AppUsers.Account> account =
                users.active(link.get().teamId(), link.get().userId());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        // The row lock makes a second submission of the same link wait here, then find it spent.
        int spent = jdbc.sql("UPDATE app_sign_in_link SET used_at = now() WHERE id = :id AND used_at IS NULL")
                .param("id", link.get().id())
                .update();
        if (spent == 0) {
            return Optional.empty();
        }
        users.setPassword(link.get().teamId(), link.get().userId(), passwords.hash(password));
        return Optional.of(account.get().user());
    }
}
