package org.openchakra.whatsapp.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The first bytes of each kind of file the media endpoints meet, padded to any size a test needs. */
final class MediaSamples {

    /** A real 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0);
    static final byte[] GIF = ascii("GIF89a\1\0\1\0\0\0\0;");
    static final byte[] PDF = ascii("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");
    static final byte[] MP4 = ascii("\0\0\0\u0018ftypisom\0\0\2\0isomiso2");
    static final byte[] M4A = ascii("\0\0\0\u0018ftypM4A \0\0\2\0M4A isom");
    static final byte[] THREE_GP = ascii("\0\0\0\u0018ftyp3gp4\0\0\2\0isom3gp4");
    static final byte[] OGG = ascii("OggS\0\2\0\0\0\0\0\0\0\0");
    static final byte[] MP3 = ascii("ID3\3\0\0\0\0\0\0");
    static final byte[] AAC = bytes(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC);
    static final byte[] AMR = ascii("#!AMR\n");
    static final byte[] STATIC_WEBP = ascii("RIFF\0\0\0\0WEBPVP8 \0\0\0\0");
    /** A VP8X header with the animation flag (0x02) set. */
    static final byte[] ANIMATED_WEBP = ascii("RIFF\0\0\0\0WEBPVP8X\n\0\0\0\u0002\0\0\0");

    static final byte[] OLE2 = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0);
    static final byte[] TEXT = "Order 1234: 2 × masala chai\nThank you!\n".getBytes(StandardCharsets.UTF_8);

    private MediaSamples() {}

    /** {@code head} followed by zeros up to {@code size} bytes. */
    static byte[] sized(byte[] head, int size) {
        return Arrays.copyOf(head, size);
    }

    /** An Office Open XML file as Office writes it: [Content_Types].xml first, then the parts of {@code folder}. */
    static byte[] officeOpenXml(String folder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("_rels/.rels"));
            zip.write("<Relationships/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(folder + "/main.xml"));
            zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] plainZip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
