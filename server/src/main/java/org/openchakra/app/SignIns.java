package org.openchakra.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Checks a sign-in (inbox.md §1): the login is a primary email, or the username of a user without one. The
 * answer for a wrong password is the same as for an unknown login, and costs the same time. A login that
 * names users of several teams signs in to the one whose password matches; if several match, the person
 * names the team.
 */
@Service
class SignIns {

    /** How many users one login may name across teams before the team must be given. */
    private static final int MAX_CANDIDATES = 5;

    sealed interface Outcome {}

    record SignedIn(AppUser user) implements Outcome {}

    /** {@code messageKey} says why, in the words of the messages bundle. */
    record Refused(String messageKey) implements Outcome {}

    record Throttled(Duration remaining) implements Outcome {}

    /** The password is right for users of several teams: which team? */
    record ChooseTeam() implements Outcome {}

    private final AppUsers users;
    private final Passwords passwords;
    private final SignInThrottle throttle;

    SignIns(AppUsers users, Passwords passwords, SignInThrottle throttle) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    Outcome signIn(String login, String password, String team, String address) {
        String who = login == null ? "" : login.strip();
        if (who.isEmpty()) {
            return new Refused("signIn.loginRequired");
        }
        if (who.length() > 254) {
            return new Refused("signIn.failed"); // longer than any email: no one's, and not worth a look-up
        }
        if (password == null || password.isEmpty()) {
            return new Refused("signIn.passwordRequired");
        }
        Optional<Duration> wait = throttle.wait(who, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        String teamShortName = team == null || team.isBlank() ? null : team.strip();
        List<AppUsers.Account> candidates = users.byLogin(who, teamShortName, MAX_CANDIDATES);
        if (candidates.isEmpty()) {
            passwords.matches(password, null);
        }
        List<AppUser> matching = candidates.stream()
                .filter(a -> passwords.matches(password, a.passwordHash()))
                .map(AppUsers.Account::user)
                .toList();
        if (matching.size() > 1) {
            return new ChooseTeam();
        }
        if (matching.isEmpty()) {
            throttle.failed(who, address);
            return new Refused("signIn.failed");
        }
        throttle.succeeded(who);
        return new SignedIn(matching.get(0));
    }
}
