package org.openchakra.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web app ({@code openchakra.app.*}). {@code signInMaxFailures} failed sign-ins within
 * {@code signInWindow} make a login, and separately an address, wait (inbox.md §1: 5 in 15 minutes).
 */
@ConfigurationProperties("openchakra.app")
record AppProperties(
        @DefaultValue("5") int signInMaxFailures,
        @DefaultValue("5") int signInMaxFailuresPerAddress,
        @DefaultValue("15m") Duration signInWindow) {}
