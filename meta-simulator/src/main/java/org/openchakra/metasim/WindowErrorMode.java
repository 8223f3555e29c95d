package org.openchakra.metasim;

/** How a free-form send outside the 24-hour window fails (spec 1.9, 9 #12). */
public enum WindowErrorMode {
    /** HTTP 400 with code 131047. */
    SYNC,
    /** HTTP 200 with a wamid, then a {@code failed} status webhook carrying 131047. */
    ASYNC
}
