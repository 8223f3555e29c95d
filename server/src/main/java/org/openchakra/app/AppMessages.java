package org.openchakra.app;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The web app's words, from the one bundle ({@code messages/app.properties}) that templates read too, so
 * that every page could be translated by adding a bundle. Java code of the app takes its texts from here.
 */
@Component
public class AppMessages {

    private final MessageSource messages;

    AppMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
