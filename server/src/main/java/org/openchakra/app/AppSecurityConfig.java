package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The web app's security (inbox.md §1, §3), for {@code /app/**} only: the API's paths never enter this chain
 * (and {@link AppFilterScope} keeps Spring Security's and Spring Session's filters off them altogether). A
 * session in PostgreSQL names the user; CSRF tokens guard every state-changing request; pages carry a CSP
 * without inline scripts or styles, {@code nosniff} and {@code frame-ancestors 'none'}.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class AppSecurityConfig {

    static final String SIGN_IN = "/app/sign-in";
    static final String SIGN_OUT = "/app/sign-out";
    static final String DENIED = "/app/denied";
    /** Everything the pages load comes from this server; nothing inline runs or styles. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
            + " media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Bean
    AppSecurityContextRepository appSecurityContextRepository(AppUsers users) {
        return new AppSecurityContextRepository(users);
    }

    @Bean
    CsrfTokenRepository appCsrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    RequestCache appRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        // Only whole pages are worth returning to after signing in, not a fragment or the event stream.
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && request.getHeader("HX-Request") == null
                && !String.valueOf(request.getHeader("Accept")).contains("text/event-stream"));
        return cache;
    }

    /** What signing in does to the session: a new session id (no fixation) and a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy appSignInSessionStrategy(CsrfTokenRepository appCsrfTokens) {
        return new CompositeSessionAuthenticationStrategy(java.util.List.of(
                new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(appCsrfTokens)));
    }

    @Bean
    SecurityFilterChain appSecurity(
            HttpSecurity http,
            AppSecurityContextRepository contexts,
            CsrfTokenRepository appCsrfTokens,
            RequestCache appRequestCache,
            AppOidc oidc,
            OidcSignIn oidcSignIn)
            throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage(DENIED);
        http.securityMatcher("/app/**")
                .authorizeHttpRequests(a -> a.requestMatchers(
                                SIGN_IN,
                                SignInController.OIDC_START,
                                SignInLinks.PAGE,
                                DENIED,
                                "/app/assets/**",
                                "/app/webjars/**")
                        .permitAll()
                        // The campaigns API and the team's settings are the admin's (campaigns.md §2).
                        .requestMatchers("/app/settings/**", "/app/campaigns/**", "/app/campaigns")
                        .hasAuthority(org.openchakra.role.Privileges.ADMIN)
                        .anyRequest()
                        .authenticated())
                .securityContext(c -> c.securityContextRepository(contexts))
                .csrf(c -> c.csrfTokenRepository(appCsrfTokens))
                .requestCache(c -> c.requestCache(appRequestCache))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(denied))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)))
                .logout(l -> l.logoutUrl(SIGN_OUT)
                        .logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .invalidateHttpSession(true))
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable());
        if (oidc.enabled()) {
            http.oauth2Login(o -> o.loginPage(SIGN_IN)
                    .clientRegistrationRepository(oidc.repository())
                    .authorizedClientRepository(new OidcSignIn.NoAuthorizedClients())
                    .authorizationEndpoint(a -> a.baseUri(AppOidc.AUTHORIZATION_BASE))
                    .redirectionEndpoint(r -> r.baseUri(AppOidc.CALLBACK_BASE + "/*"))
                    .successHandler(oidcSignIn)
                    .failureHandler(oidcSignIn)
                    // A provider that cannot be reached when the redirect is made: back to the sign-in page.
                    .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                        @Override
                        public <F extends OAuth2AuthorizationRequestRedirectFilter> F postProcess(F filter) {
                            filter.setAuthenticationFailureHandler(oidcSignIn);
                            return filter;
                        }
                    }));
        }
        return http.build();
    }

    /**
     * Not signed in: a page goes to the sign-in page; an htmx request is told to load it (a redirect would be
     * swapped into the page); the event stream just gets 401 (the browser stops retrying once the page goes).
     */
    private static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN);
        return (request, response, exception) -> {
            if (isHtmx(request)) {
                response.setHeader("HX-Redirect", SIGN_IN);
                response.setStatus(401);
            } else if (String.valueOf(request.getHeader("Accept")).contains("text/event-stream")) {
                response.setStatus(401);
            } else {
                page.commence(request, response, exception);
            }
        };
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}
