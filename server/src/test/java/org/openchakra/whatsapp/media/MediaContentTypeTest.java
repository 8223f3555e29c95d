package org.openchakra.whatsapp.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openchakra.whatsapp.media.MediaSamples.*;

import org.junit.jupiter.api.Test;
import org.openchakra.web.ApiException;

/** Which WhatsApp media type an upload is: the bytes decide, the declared type and the file name choose among what they allow. */
class MediaContentTypeTest {

    private static String mime(byte[] head, String declared, String filename) {
        return MediaContentType.resolve(head, declared, filename).mime();
    }

    @Test
    void everyTypeWhatsappTakesIsRecognisedFromItsBytesAlone() {
        assertThat(mime(PNG, null, null)).isEqualTo("image/png");
        assertThat(mime(JPEG, null, null)).isEqualTo("image/jpeg");
        assertThat(mime(STATIC_WEBP, null, null)).isEqualTo("image/webp");
        assertThat(mime(PDF, null, null)).isEqualTo("application/pdf");
        assertThat(mime(MP4, null, null)).isEqualTo("video/mp4");
        assertThat(mime(M4A, null, null)).isEqualTo("audio/mp4");
        assertThat(mime(THREE_GP, null, null)).isEqualTo("video/3gpp");
        assertThat(mime(OGG, null, null)).isEqualTo("audio/ogg");
        assertThat(mime(MP3, null, null)).isEqualTo("audio/mpeg");
        assertThat(mime(AAC, null, null)).isEqualTo("audio/aac");
        assertThat(mime(AMR, null, null)).isEqualTo("audio/amr");
        assertThat(mime(TEXT, null, null)).isEqualTo("text/plain");
        assertThat(mime(officeOpenXml("word"), null, null))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(mime(officeOpenXml("xl"), null, null))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(mime(officeOpenXml("ppt"), null, null))
                .isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    }

    @Test
    void theExtensionIsWhatThePublicUrlWillCarry() {
        assertThat(MediaContentType.resolve(JPEG, "image/jpg", "x.jpeg").extension())
                .isEqualTo("jpg");
        assertThat(MediaContentType.resolve(officeOpenXml("word"), null, null).extension())
                .isEqualTo("docx");
        assertThat(MediaContentType.resolve(THREE_GP, null, null).kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(MediaContentType.resolve(STATIC_WEBP, null, null).kind()).isEqualTo(MediaKind.STICKER);
    }

    @Test
    void aDeclaredTypeChoosesAmongWhatTheBytesAllow() {
        assertThat(mime(MP4, "audio/mp4", null)).isEqualTo("audio/mp4");
        assertThat(mime(MP4, "video/mp4; codecs=avc1", null)).isEqualTo("video/mp4");
        assertThat(mime(OLE2, "application/vnd.ms-excel", "whatever.doc")).isEqualTo("application/vnd.ms-excel");
        // octet-stream is what clients say when they do not know: the bytes decide.
        assertThat(mime(PNG, "application/octet-stream", null)).isEqualTo("image/png");
        assertThat(mime(JPEG, "IMAGE/JPEG", null)).isEqualTo("image/jpeg");
    }

    @Test
    void withoutADeclarationTheFileNameChoosesWhereTheBytesCannot() {
        assertThat(mime(OLE2, null, "budget.xls")).isEqualTo("application/vnd.ms-excel");
        assertThat(mime(OLE2, null, "deck.ppt")).isEqualTo("application/vnd.ms-powerpoint");
        assertThat(mime(MP4, null, "voice-note.m4a")).isEqualTo("audio/mp4");
        // A name the bytes contradict is ignored: the bytes are what Meta will check.
        assertThat(mime(PNG, null, "photo.jpg")).isEqualTo("image/png");
        assertRefused(OLE2, null, "no-extension", "Cannot tell which Office format");
    }

    @Test
    void aDeclaredTypeTheBytesContradictIsRefused() {
        assertRefused(PNG, "image/jpeg", null, "does not match its declared type image/jpeg: it is image/png");
        assertRefused(TEXT, "application/pdf", null, "does not match its declared type application/pdf");
        assertRefused(officeOpenXml("word"), "application/vnd.ms-excel", null, "does not match");
        assertRefused(bytes(1, 2, 3, 0, 4), "video/mp4", null, "content of no recognised type");
    }

    @Test
    void contentWhatsappDoesNotTakeIsRefused() {
        assertRefused(GIF, null, null, "Unsupported media type (image/gif)");
        assertRefused(GIF, "image/gif", null, "Unsupported media type (image/gif)");
        assertRefused(plainZip(), null, "a.zip", "Unsupported media type (ZIP archive)");
        assertRefused(bytes(0, 1, 2, 3, 0xFE), null, null, "content of no recognised type");
        assertRefused(TEXT, "text/csv", "a.csv", "Unsupported media type (text/csv)");
    }

    @Test
    void textIsUtf8WithoutControlCharacters() {
        assertRefused(ascii("looks like text\0but has a NUL"), null, null, "no recognised type");
        assertRefused(bytes('a', 'b', 0xC3, 0x28), null, null, "no recognised type");
        // A character cut in two by the end of the head is still text.
        byte[] cut = sized(new byte[0], MediaContentType.HEAD_BYTES);
        java.util.Arrays.fill(cut, (byte) 'a');
        cut[cut.length - 1] = (byte) 0xE2;
        assertThat(mime(cut, null, null)).isEqualTo("text/plain");
    }

    @Test
    void animatedStickersAreToldFromStaticOnes() {
        assertThat(MediaContentType.animatedWebp(ANIMATED_WEBP)).isTrue();
        assertThat(MediaContentType.animatedWebp(STATIC_WEBP)).isFalse();
    }

    private static void assertRefused(byte[] head, String declared, String filename, String message) {
        assertThatThrownBy(() -> MediaContentType.resolve(head, declared, filename))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(415);
                    assertThat(e.details().get(0).field()).isEqualTo("file");
                })
                .hasMessageContaining(message);
    }
}
