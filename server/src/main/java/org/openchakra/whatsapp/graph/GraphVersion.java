package org.openchakra.whatsapp.graph;

import java.util.regex.Pattern;
import org.openchakra.web.ApiException;

/** The {@code {version}} of a pass-through path: passed upstream as given, any {@code vN.M} (meta-cloud-api.md §0). */
final class GraphVersion {

    private static final Pattern VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");

    private GraphVersion() {}

    public static String checked(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("version", "The API version must look like v23.0");
        }
        return version;
    }
}
