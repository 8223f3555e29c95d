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

    public MetaUnavailableException(String message, boolean timedOut) {
        super(timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, ErrorDetail.UPSTREAM_ERROR, message);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
