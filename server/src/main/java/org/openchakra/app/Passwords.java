package org.openchakra.app;

import java.util.Optional;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Passwords of the web app (inbox.md §1): at least {@value #MIN_LENGTH} characters, kept only as an Argon2id
 * hash (Spring Security's encoder on Bouncy Castle: 16 MiB, 2 passes, a 16-byte salt per password).
 */
@Component
class Passwords {

    static final int MIN_LENGTH = 12;
    /** Long enough for any passphrase; short enough that hashing a pasted novel costs nothing. */
    static final int MAX_LENGTH = 256;

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Verified against when no account matched, so that a wrong email costs as long as a wrong password. */
    private final String decoy = encoder.encode("no account has this password, it only takes time");

    /** The message key of what is wrong with a new password, if anything. */
    Optional<String> problem(String password, String confirmation) {
        if (password == null || password.isEmpty()) {
            return Optional.of("password.required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password.tooLong");
        }
        if (!password.equals(confirmation)) {
            return Optional.of("password.mismatch");
        }
        return Optional.empty();
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            encoder.matches("", decoy);
            return false;
        }
        return encoder.matches(password, hash == null ? decoy : hash) && hash != null;
    }
}
