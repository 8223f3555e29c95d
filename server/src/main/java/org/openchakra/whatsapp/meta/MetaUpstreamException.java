package org.openchakra.whatsapp.meta;

import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;

/**
 * Meta refused a call that OpenChakra made on its own account (a sync, a template refresh). Relayed with
 * Meta's status and error (whatsapp.md §2.3) by {@link MetaUpstreamExceptionHandler}.
 */
public class MetaUpstreamException extends ApiException {

    private final transient MetaReply reply;

    public MetaUpstreamException(MetaReply reply) {
        super(
                HttpStatus.valueOf(validStatus(reply.status())),
                ErrorDetail.UPSTREAM_ERROR,
                reply.error().map(MetaError::summary).orElse("Meta answered HTTP " + reply.status()));
        this.reply = reply;
    }

    public MetaReply reply() {
        return reply;
    }

    private static int validStatus(int status) {
        return HttpStatus.resolve(status) != null && status >= 400 ? status : 502;
    }
}
