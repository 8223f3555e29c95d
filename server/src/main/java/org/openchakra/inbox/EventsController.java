package org.openchakra.inbox;

import jakarta.servlet.http.HttpServletResponse;
import org.openchakra.app.AppController;
import org.openchakra.app.AppUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The inbox page's event stream ({@link LiveUpdates}). */
@AppController
@ConditionalOnWebApplication
class EventsController {

    private final LiveUpdates live;

    EventsController(LiveUpdates live) {
        this.live = live;
    }

    @GetMapping(path = "/app/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(AppUser me, HttpServletResponse response) {
        // A proxy must pass events on as they come, not buffer them.
        response.setHeader("X-Accel-Buffering", "no");
        return live.connect(me);
    }
}
