package org.openchakra.metasim;

/** Graph routes, as targets for error injection ({@link MetaSimulator#failNext}). */
public enum Route {
    ANY,
    SEND_MESSAGE,
    MARK_READ,
    MEDIA_UPLOAD,
    MEDIA_GET,
    MEDIA_DELETE,
    MEDIA_DOWNLOAD,
    TEMPLATE_LIST,
    TEMPLATE_CREATE,
    TEMPLATE_GET,
    TEMPLATE_EDIT,
    TEMPLATE_DELETE,
    ENCRYPTION_KEY,
    OBJECT_GET,
    GROUPS,
    CALLING
}
