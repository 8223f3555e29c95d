package org.openchakra.web;

/** Query-string values of list endpoints ({@code ?skip=&limit=}), checked with a 400 naming the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /** A whole number from {@code min} to {@code max}; absent or empty is {@code otherwise}. */
    public static int integer(String field, String value, int min, int max, int otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException notNumber) {
            // refused below
        }
        throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max);
    }
}
