package org.openchakra.app;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every app page needs in its model: the signed-in user ({@code me}, null on the sign-in
 * pages), for the header, the navigation and the privileges that decide what is shown.
 */
@ControllerAdvice(annotations = AppController.class)
class AppLayout {

    @ModelAttribute("me")
    AppUser me() {
        return AppWebConfig.currentOrNull();
    }
}
