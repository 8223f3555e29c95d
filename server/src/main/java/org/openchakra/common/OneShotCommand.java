package org.openchakra.common;

/**
 * The profile every one-shot command runs under ({@code ./openchakra admin-token}, {@code migrate-blobs}):
 * the server's configuration and database, but no web server, no first start and no job scheduler; the
 * command's own profile (its name) is active too.
 */
public final class OneShotCommand {

    public static final String PROFILE = "command";

    private OneShotCommand() {}
}
