package org.openchakra.app;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.CacheControl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The app's static files, all under {@code /app} and all from this server (inbox.md §3: nothing fetched
 * from elsewhere at run time): our own CSS and scripts at {@code /app/assets/}, with a content hash in their
 * URLs so that browsers may keep them for a year, and the WebJars (htmx and its SSE extension) at
 * {@code /app/webjars/}. Handlers may take the signed-in {@link AppUser} as a parameter.
 */
@Configuration(proxyBeanMethods = false)
class AppWebConfig implements WebMvcConfigurer {

    static final String ASSETS = "/app/assets/";
    static final String WEBJARS = "/app/webjars/";

    /** Rewrites the asset URLs the templates write ({@code @{/app/assets/app.css}}) to their hashed form. */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> appResourceUrls() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setUrlPatterns(List.of(AppFilterScope.APP_PATTERN));
        return registration;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ASSETS + "**")
                .addResourceLocations("classpath:/app-assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                .resourceChain(true)
                .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        registry.addResourceHandler(WEBJARS + "**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == AppUser.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mav,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                return current();
            }
        });
    }

    /** The signed-in user of this request; the security chain lets no other request reach a page that asks. */
    static AppUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof AppAuthentication signedIn) {
            return signedIn.getPrincipal();
        }
        throw new IllegalStateException("No signed-in user on a page that needs one");
    }

    static AppUser currentOrNull() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof AppAuthentication signedIn
                ? signedIn.getPrincipal()
                : null;
    }
}
