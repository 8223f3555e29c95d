package org.openchakra.metasim;

/** A file field of a multipart body. */
record FilePart(String fieldName, String filename, String contentType, byte[] bytes) {}
