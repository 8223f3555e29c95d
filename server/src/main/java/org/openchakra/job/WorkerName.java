package org.openchakra.job;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This server instance among those sharing the database: host and process id (two may share a host). */
public final class WorkerName {

    public static final String VALUE = host() + "#" + ProcessHandle.current().pid();

    private WorkerName() {}

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }
}
