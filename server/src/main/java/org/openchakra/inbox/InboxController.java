package org.openchakra.inbox;

import org.openchakra.app.AppController;
import org.springframework.web.bind.annotation.GetMapping;

/** The inbox page (inbox.md §2): the chat list, the open conversation and the customer panel. */
@AppController
class InboxController {

    @GetMapping("/app")
    String inbox() {
        return "inbox/inbox";
    }
}
