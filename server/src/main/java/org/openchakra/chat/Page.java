package org.openchakra.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One page of a list and the size of the whole list. */
public record Page<T>(List<T> items, long total, Paging paging) {

    public boolean hasMore() {
        return paging.offset() + items.size() < total;
    }

    /** {@code _meta} as the chat endpoints answer it: {@code {total, page, limit, hasMore}}. */
    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", total);
        meta.put("page", paging.page());
        meta.put("limit", paging.limit());
        meta.put("hasMore", hasMore());
        return meta;
    }

    public <R> List<R> map(Function<T, R> view) {
        return items.stream().map(view).toList();
    }
}
