package org.openchakra.app.settings;

import org.openchakra.app.AppController;
import org.springframework.web.bind.annotation.GetMapping;

/** The settings (inbox.md §2.7, admins only by the security chain) open on the team's users. */
@AppController
class SettingsController {

    @GetMapping("/app/settings")
    String settings() {
        return "redirect:/app/settings/users";
    }
}
