package org.openchakra.whatsapp.meta;

import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;

/**
 * Meta (or the simulator standing in for it) could not be reached (502) or did not answer in time
 * (504). Rendered with {@code _errors} like any refusal; never a 500, since the fault is upstream.
 */
public class MetaUnavailableException extends ApiException {

    private final boolean timedOut;
    private final boolean neverSent;

    public MetaUnavailableException(String message, boolean timedOut) {
        this(message, timedOut, false);
    }

    /** {@code neverSent}: no connection was made, so Meta cannot have received the request. */
    public MetaUnavailableException(String message, boolean timedOut, boolean neverSent) {
        super(timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, ErrorDetail.UPSTREAM_ERROR, message);
        this.timedOut = timedOut;
        this.neverSent = neverSent;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /**
     * Whether the request certainly never reached Meta (the connection was refused or not made in time), so
     * that sending it again cannot deliver a message twice. After a reset or a silent Meta, it may have.
     */
    public boolean neverSent() {
        return neverSent;
    }
}
