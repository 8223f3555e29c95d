package org.openchakra.whatsapp.template;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Brings a WABA's template cache up to date with Meta: the whole WABA (the periodic sync, a template id
 * the cache does not know) or one template name (a send naming a template the cache lacks). Meta is
 * read first, outside any transaction; the cache then changes in one transaction.
 */
@Component
class TemplateRefresher {

    /** How soon after a refresh prompted by a miss the same miss may prompt another. */
    static final Duration MISS_SPACING = Duration.ofSeconds(10);

    private record WabaKey(UUID teamId, String wabaId) {}

    private record NameKey(UUID teamId, String wabaId, String name) {}

    private final MetaTemplates meta;
    private final TemplateCache cache;
    private final TransactionTemplate tx;
    private final RefreshThrottle throttle = new RefreshThrottle(MISS_SPACING);

    public TemplateRefresher(MetaTemplates meta, TemplateCache cache, TransactionTemplate tx) {
        this.meta = meta;
        this.cache = cache;
        this.tx = tx;
    }

    /** Replaces the WABA's cache with Meta's full listing; answers how many templates it holds. */
    public int refreshWaba(WabaAccess waba) {
        List<JsonNode> templates = meta.all(waba.target(), waba.version(), waba.wabaId());
        tx.executeWithoutResult(status -> cache.replaceAll(waba.teamId(), waba.wabaId(), templates));
        return templates.size();
    }

    /** {@link #refreshWaba}, unless a miss refreshed this WABA moments ago; true when it refreshed. */
    public boolean refreshWabaAfterMiss(WabaAccess waba) {
        if (!throttle.tryAcquire(new WabaKey(waba.teamId(), waba.wabaId()))) {
            return false;
        }
        refreshWaba(waba);
        return true;
    }

    /** Re-reads every language of one template name, unless a miss did so moments ago. */
    public boolean refreshNameAfterMiss(WabaAccess waba, String name) {
        if (!throttle.tryAcquire(new NameKey(waba.teamId(), waba.wabaId(), name))) {
            return false;
        }
        List<JsonNode> templates = meta.named(waba.target(), waba.version(), waba.wabaId(), name);
        tx.executeWithoutResult(status -> cache.replaceName(waba.teamId(), waba.wabaId(), name, templates));
        return true;
    }
}
