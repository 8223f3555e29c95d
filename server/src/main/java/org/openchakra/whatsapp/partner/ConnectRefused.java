package org.openchakra.whatsapp.partner;

import java.util.List;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.springframework.http.HttpStatus;

/**
 * A connect attempt that did not connect. {@code retry}: the link is still good and the form is shown
 * again with the problems (bad fields, Meta refused the credentials, a number already connected);
 * otherwise the link itself is refused (missing, unknown, used, expired).
 */
class ConnectRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<ErrorDetail> problems;
    private final boolean retry;

    private ConnectRefused(HttpStatus status, String title, List<ErrorDetail> problems, boolean retry) {
        super(problems.get(0).message(), null, false, false);
        this.status = status;
        this.title = title;
        this.problems = List.copyOf(problems);
        this.retry = retry;
    }

    static ConnectRefused link(HttpStatus status, String title, String message) {
        String code = status == HttpStatus.BAD_REQUEST ? ErrorDetail.VALIDATION_FAILED : ErrorDetail.NOT_FOUND;
        ErrorDetail detail = new ErrorDetail(code, message, status == HttpStatus.BAD_REQUEST ? "connectToken" : null);
        return new ConnectRefused(status, title, List.of(detail), false);
    }

    static ConnectRefused form(HttpStatus status, List<ErrorDetail> problems) {
        return new ConnectRefused(status, "Not connected", problems, true);
    }

    static ConnectRefused form(ApiException e) {
        return form(e.status(), e.details());
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }

    List<ErrorDetail> problems() {
        return problems;
    }

    boolean retry() {
        return retry;
    }

    ApiException asApiException() {
        return new ApiException(status, problems);
    }
}
