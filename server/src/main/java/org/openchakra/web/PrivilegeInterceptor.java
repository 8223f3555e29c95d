package org.openchakra.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** 403 when the caller's role lacks the endpoint's privilege; fails closed on handlers that declare none. */
@Component
class PrivilegeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !AuthenticationFilter.isProtected(request.getRequestURI())) {
            return true;
        }
        Caller caller = PrivilegeChecks.caller(request);
        if (annotation(method, AnyCaller.class) != null) {
            return true;
        }
        if (annotation(method, OperatorOnly.class) != null) {
            if (!caller.operator()) {
                throw ApiException.forbidden("Only the operator token may do this");
            }
            return true;
        }
        RequiresPrivilege required = annotation(method, RequiresPrivilege.class);
        if (required == null) {
            throw ApiException.forbidden("This endpoint declares no privilege and is closed");
        }
        PrivilegeChecks.privilege(caller, required.value());
        return true;
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(HandlerMethod method, Class<A> type) {
        A onMethod = method.getMethodAnnotation(type);
        return onMethod != null ? onMethod : method.getBeanType().getAnnotation(type);
    }
}
