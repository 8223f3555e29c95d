package org.openchakra.metasim;

/** Thrown by any route to answer a Meta error; the server renders it with the spec 2.1 envelope. */
final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient MetaError error;

    GraphException(MetaError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    MetaError error() {
        return error;
    }
}
