package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of the app's pages ({@link AppController}s) as people should see them: a page with the message, or,
 * for an htmx request, the message in the page's notice area (the page stays as it is). Never a stack trace;
 * an unforeseen error says only "Internal error" and the request id, and the details go to the log.
 */
@ControllerAdvice(annotations = AppController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AppErrors implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(AppErrors.class);
    /** Where an htmx request's error goes: the notice area of the layout. */
    static final String NOTICE_AREA = "#notices";

    private final AppMessages messages;

    AppErrors(AppMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException e, HttpServletRequest request, HttpServletResponse response) {
        return page(
                e.status().value(),
                e.details().stream().map(ErrorDetail::message).toList(),
                request,
                response);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(
            MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        // A malformed id in a path names nothing: not found, like an id of another team.
        boolean pathVariable =
                e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        return pathVariable
                ? page(404, List.of(messages.text("error.notFound")), request, response)
                : page(400, List.of(messages.text("error.badValue", e.getName())), request, response);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(
            MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) {
        return page(400, List.of(messages.text("error.missing", e.getParameterName())), request, response);
    }

    @ExceptionHandler({ServletRequestBindingException.class, InvalidParameterException.class, MultipartException.class})
    ModelAndView malformed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof MaxUploadSizeExceededException) {
            return page(413, List.of(messages.text("error.tooLarge")), request, response);
        }
        return page(400, List.of(messages.text("error.malformed")), request, response);
    }

    /**
     * A multipart body that cannot be read fails before any controller is chosen, so the advice's handlers are
     * never asked: an app page's still gets the app's answer, not the API's JSON.
     */
    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (handler == null
                && e instanceof MultipartException
                && request.getRequestURI().startsWith("/app/")) {
            return malformed(e, request, response);
        }
        return null;
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ModelAndView method(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response) {
        return page(405, List.of(messages.text("error.method")), request, response);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView conflict(DataIntegrityViolationException e, HttpServletRequest request, HttpServletResponse response) {
        log.warn("Data integrity violation reached an app page", e);
        return page(409, List.of(messages.text("error.conflict")), request, response);
    }

    /** The browser went away (an event stream's page closed): there is no one to answer. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void gone() {}

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e.getCause() instanceof ApiException api) {
            return refused(api, request, response);
        }
        log.error("Unhandled error on an app page", e);
        return page(500, List.of(messages.text("error.internal", RequestIds.current())), request, response);
    }

    private ModelAndView page(
            int status, List<String> problems, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(status);
        ModelAndView view;
        if (AppSecurityConfig.isHtmx(request)) {
            response.setHeader("HX-Retarget", NOTICE_AREA);
            response.setHeader("HX-Reswap", "innerHTML");
            view = new ModelAndView("app/fragments :: problems");
        } else {
            view = new ModelAndView("app/error");
        }
        view.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
        view.addObject("status", status);
        view.addObject("problems", problems);
        return view;
    }
}
