package org.openchakra.metasim;

/**
 * A send answered with HTTP 200, as the status timeline needs it.
 *
 * @param asyncFailure when set, the send ends in a {@code failed} status with this error (e.g. async 131047)
 * @param apiMajorVersion the N of the path's {@code vN.M}; decides whether {@code conversation} is sent
 */
record AcceptedSend(
        String wamid,
        PhoneNumber number,
        String recipientId,
        boolean group,
        String type,
        Template template,
        String bizOpaqueCallbackData,
        int apiMajorVersion,
        MetaError asyncFailure) {}
