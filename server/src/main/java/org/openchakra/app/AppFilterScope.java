package org.openchakra.app;

import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.stereotype.Component;

/**
 * Spring Security's filter chain and Spring Session's filter serve the web app only: their registrations are
 * narrowed to {@value #APP_PATTERN}. The API keeps its own authentication, errors and tests; without this,
 * Spring Security's firewall would judge every API URL and Spring Session would wrap every API request.
 */
@Component
class AppFilterScope implements BeanPostProcessor {

    static final String APP_PATTERN = "/app/*";
    private static final List<String> APP_ONLY = List.of(
            // Spring Boot's names for the two registrations (SecurityFilterAutoConfiguration,
            // SessionRepositoryFilterConfiguration).
            "securityFilterChainRegistration", "sessionRepositoryFilterRegistration");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractFilterRegistrationBean<?> registration && APP_ONLY.contains(beanName)) {
            registration.setUrlPatterns(List.of(APP_PATTERN));
        }
        return bean;
    }
}
