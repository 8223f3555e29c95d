package org.openchakra.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Which filetype an upload gets, and which Content-Type its bytes go out with. */
class FileTypesTest {

    @Test
    void signaturesOfCommonFormats() {
        assertThat(FileTypes.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).hasValue("image/jpeg");
        assertThat(FileTypes.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0)))
                .hasValue("image/png");
        assertThat(FileTypes.sniff(ascii("GIF89a\1\0\1\0"))).hasValue("image/gif");
        assertThat(FileTypes.sniff(ascii("RIFF\0\0\0\0WEBPVP8 "))).hasValue("image/webp");
        assertThat(FileTypes.sniff(ascii("%PDF-1.7\n"))).hasValue("application/pdf");
        assertThat(FileTypes.sniff(ascii("\0\0\0\u0018ftypheic"))).hasValue("image/heic");
        assertThat(FileTypes.sniff(ascii("BM\0\0\0\0\0\0\0\0"))).hasValue("image/bmp");
        assertThat(FileTypes.sniff(ascii("BMW service log"))).isEmpty();
        assertThat(FileTypes.sniff(ascii("hello"))).isEmpty();
        assertThat(FileTypes.sniff(new byte[0])).isEmpty();
    }

    @Test
    void theCallersWordComesFirstThenTheBytesThenTheName() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        assertThat(FileTypes.resolve("image/x-mine", "image/gif", png, "a.jpg")).isEqualTo("image/x-mine");
        assertThat(FileTypes.resolve(null, "image/gif", png, "a.jpg")).isEqualTo("image/gif");
        assertThat(FileTypes.resolve(null, "application/octet-stream", png, "a.jpg"))
                .isEqualTo("image/png");
        assertThat(FileTypes.resolve(null, "not a type", png, null)).isEqualTo("image/png");
        assertThat(FileTypes.resolve(null, null, ascii("plain"), "a.jpg")).isEqualTo("image/jpeg");
        assertThat(FileTypes.resolve(null, null, ascii("plain"), null)).isEqualTo("application/octet-stream");
    }

    @Test
    void aFiletypeThatIsNoMediaTypeIsTranslatedForServing() {
        assertThat(FileTypes.servable("image/png", null)).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(FileTypes.servable("png", null)).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(FileTypes.servable(".jpg", null)).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(FileTypes.servable("image/*", "x.gif")).isEqualTo(MediaType.IMAGE_GIF);
        assertThat(FileTypes.servable("whatever", null)).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
