package org.openchakra.metasim;

/** How a "Meta is down" outage looks to the client. */
public enum DownMode {
    /** The listening socket is closed: connections are refused; the port is kept for {@link MetaSimulator#up()}. */
    CONNECTION_REFUSED,
    /** Every Graph call answers HTTP 500 with code 2 ({@code is_transient: true}). */
    HTTP_500,
    /** Every Graph call answers HTTP 503 with code 2. */
    HTTP_503
}
