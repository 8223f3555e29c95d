package org.openchakra.common;

import java.util.regex.Pattern;

/** The API's one email check, wherever an address is given: the shape {@code a@b.c}, nothing more. */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    private EmailAddresses() {}

    public static boolean isValid(String email) {
        return email != null && SHAPE.matcher(email).matches();
    }
}
