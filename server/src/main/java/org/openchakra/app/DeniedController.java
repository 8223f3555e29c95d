package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where Spring Security forwards a refused request (403): a missing or stale CSRF token (a cross-site form,
 * or a page open across a sign-out), or a page the user's role does not allow.
 */
@AppController
class DeniedController {

    private final AppMessages messages;

    DeniedController(AppMessages messages) {
        this.messages = messages;
    }

    @RequestMapping("/app/denied")
    ModelAndView denied(HttpServletRequest request, HttpServletResponse response) {
        AccessDeniedException refusal = (AccessDeniedException) request.getAttribute(WebAttributes.ACCESS_DENIED_403);
        String message =
                refusal instanceof CsrfException ? messages.text("error.csrf") : messages.text("error.forbidden");
        response.setStatus(403);
        ModelAndView view;
        if (AppSecurityConfig.isHtmx(request)) {
            response.setHeader("HX-Retarget", AppErrors.NOTICE_AREA);
            response.setHeader("HX-Reswap", "innerHTML");
            view = new ModelAndView("app/fragments :: problems");
        } else {
            view = new ModelAndView("app/error");
        }
        view.addObject("status", 403);
        view.addObject("problems", List.of(message));
        return view;
    }
}
