package org.openchakra.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small builders for request bodies in tests: {@code obj("a", 1, "b", obj(...))}. */
public final class Json {

    private Json() {}

    /** An ordered map from alternating keys and values; values may be null. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
